import { READ_MODELS } from '#libs/projections';
import type { ProjectionDefinition } from '#libs/read-models';

/** The analytics service's read models, from the one catalogue (`portcullis audit replay --all` rebuilds them too). */
export const ANALYTICS_READ_MODELS: ProjectionDefinition<any>[] = READ_MODELS.analytics;
