import type { ProjectionDefinition } from '#libs/read-models';
import { apiKeysProjection } from './api-keys.projection.js';
import { configRefsProjection } from './configs-refs.projection.js';
import { configVersionsProjection } from './configs-versions.projection.js';
import { workspaceDefaultRefsProjection } from './configs-workspace-defaults.projection.js';
import { configsProjection } from './configs.projection.js';
import { guardrailVersionsProjection } from './guardrails-versions.projection.js';
import { guardrailsProjection } from './guardrails.projection.js';
import { invitesProjection } from './invites.projection.js';
import { keyDigestsProjection } from './key-digests.projection.js';
import { orgMembersProjection } from './org-members.projection.js';
import { workspaceMembersProjection } from './workspace-members.projection.js';
import { workspacesProjection } from './workspaces.projection.js';
import { collectionsProjection } from './collections.projection.js';
import { labelsProjection } from './labels.projection.js';
import { promptPartialsProjection, promptPartialVersionsProjection } from './prompt-partials.projection.js';
import { promptVersionsProjection } from './prompt-versions.projection.js';
import { promptsProjection } from './prompts.projection.js';

/** The prompt library's read models (workspaces service). */
const PROMPT_LIBRARY_READ_MODELS = [collectionsProjection, promptsProjection, promptVersionsProjection, promptPartialsProjection, promptPartialVersionsProjection, labelsProjection];

/** Configs, their versions and what they name; workspace defaults that name configs or guardrails. */
const CONFIG_READ_MODELS = [configsProjection, configVersionsProjection, configRefsProjection, workspaceDefaultRefsProjection];
const GUARDRAIL_READ_MODELS = [guardrailsProjection, guardrailVersionsProjection];
import { integrationsProjection } from './integrations.projection.js';
import { integrationWorkspacesProjection } from './integration-workspaces.projection.js';
import { providersProjection } from './providers.projection.js';
import { limitPoliciesProjection } from './limit-policies.projection.js';
import { feedbackProjection } from './feedback.projection.js';
import { logExportsProjection } from './log-exports.projection.js';

/**
 * Every service's read models, in one place: the services run them, and `portcullis audit
 * replay --all` rebuilds them from the event store to compare with the live ones.
 */
export const READ_MODELS = {
  identity: [orgMembersProjection(), invitesProjection],
  workspaces: [workspacesProjection, workspaceMembersProjection(), orgMembersProjection(), ...CONFIG_READ_MODELS, ...GUARDRAIL_READ_MODELS, ...PROMPT_LIBRARY_READ_MODELS, limitPoliciesProjection],
  keys: [apiKeysProjection, keyDigestsProjection, orgMembersProjection(), workspaceMembersProjection(), workspacesProjection,
    integrationsProjection, integrationWorkspacesProjection, providersProjection],
  // Request logs and analytics live in the analytics store, not here: these are its event-sourced
  // read models (feedback, exports) and what tenancy and `groups/members` resolve against.
  analytics: [feedbackProjection, logExportsProjection, workspacesProjection, workspaceMembersProjection(), orgMembersProjection()],
} satisfies Record<string, ProjectionDefinition<any>[]>;

export type ServiceWithReadModels = keyof typeof READ_MODELS;
