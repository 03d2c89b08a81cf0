import type { ProjectionDefinition } from '#libs/read-models';
import { apiKeysProjection } from './api-keys.projection.js';
import { invitesProjection } from './invites.projection.js';
import { keyDigestsProjection } from './key-digests.projection.js';
import { orgMembersProjection } from './org-members.projection.js';
import { workspaceMembersProjection } from './workspace-members.projection.js';
import { workspacesProjection } from './workspaces.projection.js';
import { integrationsProjection } from './integrations.projection.js';
import { integrationWorkspacesProjection } from './integration-workspaces.projection.js';
import { providersProjection } from './providers.projection.js';

/**
 * Every service's read models, in one place: the services run them, and `portcullis audit
 * replay --all` rebuilds them from the event store to compare with the live ones.
 */
export const READ_MODELS = {
  identity: [orgMembersProjection(), invitesProjection],
  workspaces: [workspacesProjection, workspaceMembersProjection(), orgMembersProjection()],
  keys: [apiKeysProjection, keyDigestsProjection, orgMembersProjection(), workspaceMembersProjection(), workspacesProjection,
    integrationsProjection, integrationWorkspacesProjection, providersProjection],
} satisfies Record<string, ProjectionDefinition<any>[]>;

export type ServiceWithReadModels = keyof typeof READ_MODELS;
