import { ApiKeysHttpController } from './api-keys/api-keys.http.controller.js';
import { AuditLogsHttpController } from './audit/audit-logs.http.controller.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { AcceptInviteHttpController, InvitesHttpController } from './invites/invites.http.controller.js';
import { MembersHttpController } from './members/members.http.controller.js';
import { UsersHttpController } from './users/users.http.controller.js';
import { WorkspacesHttpController } from './workspaces/workspaces.http.controller.js';
import { ConfigsHttpController } from './configs/configs.http.controller.js';
import { GuardrailsHttpController } from './guardrails/guardrails.http.controller.js';
import { CollectionsHttpController } from './prompts/collections.http.controller.js';
import { LabelsHttpController } from './prompts/labels.http.controller.js';
import { PromptPartialsHttpController } from './prompts/prompt-partials.http.controller.js';
import { PromptsHttpController } from './prompts/prompts.http.controller.js';
import { IntegrationsHttpController } from './providers/integrations.http.controller.js';
import { ProvidersHttpController } from './providers/providers.http.controller.js';
import { VirtualKeysHttpController } from './providers/virtual-keys.http.controller.js';
import { CompletionsHttpController } from './completions/completions.http.controller.js';
import { LogsHttpController } from './logs/logs.http.controller.js';
import { FeedbackHttpController } from './feedback/feedback.http.controller.js';
import { LogExportsHttpController } from './logs/log-exports.http.controller.js';
import { UsageLimitsPoliciesHttpController } from './policies/usage-limits-policies.http.controller.js';
import { UsageLimitsEntitiesHttpController } from './policies/usage-limits-entities.http.controller.js';
import { RateLimitsPoliciesHttpController } from './policies/rate-limits-policies.http.controller.js';
import { AnalyticsGraphsHttpController } from './analytics/analytics-graphs.http.controller.js';
import { AnalyticsGroupsHttpController } from './analytics/analytics-groups.http.controller.js';

/** The controllers of the `/v1` API: the gateway serves them and the OpenAPI document describes them. */
export const API_CONTROLLERS = [
  HealthHttpController,
  UsersHttpController,
  InvitesHttpController,
  AcceptInviteHttpController,
  WorkspacesHttpController,
  MembersHttpController,
  ApiKeysHttpController,
  AuditLogsHttpController,
  ConfigsHttpController,
  GuardrailsHttpController,
  CollectionsHttpController,
  PromptPartialsHttpController,
  PromptsHttpController,
  LabelsHttpController,
  IntegrationsHttpController,
  ProvidersHttpController,
  VirtualKeysHttpController,
  CompletionsHttpController,
  LogsHttpController,
  FeedbackHttpController,
  LogExportsHttpController,
  UsageLimitsPoliciesHttpController,
  UsageLimitsEntitiesHttpController,
  RateLimitsPoliciesHttpController,
  AnalyticsGraphsHttpController,
  AnalyticsGroupsHttpController,
];
