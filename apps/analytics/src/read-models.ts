import type { ProjectionDefinition } from '#libs/read-models';
import { feedbackProjection } from './feedback/read-models/feedback.projection.js';

/** The analytics service's read models (request logs live in the log store, not here). */
export const ANALYTICS_READ_MODELS: ProjectionDefinition<any>[] = [feedbackProjection];
