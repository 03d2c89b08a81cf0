import { orgMembersProjection, workspaceMembersProjection, workspacesProjection } from '#libs/projections';
import type { ProjectionDefinition } from '#libs/read-models';
import { logExportsProjection } from './exports/read-models/log-exports.projection.js';
import { feedbackProjection } from './feedback/read-models/feedback.projection.js';

/**
 * The analytics service's read models (request logs live in the log store, not here); workspaces
 * resolve an admin key's `workspace_id` and the analytics tenancy; memberships and org members
 * name the rows of `groups/members`.
 */
export const ANALYTICS_READ_MODELS: ProjectionDefinition<any>[] = [feedbackProjection, logExportsProjection, workspacesProjection, workspaceMembersProjection(), orgMembersProjection()];
