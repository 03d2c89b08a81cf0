import { ApiKeysHttpController } from './api-keys/api-keys.http.controller.js';
import { AuditLogsHttpController } from './audit/audit-logs.http.controller.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { AcceptInviteHttpController, InvitesHttpController } from './invites/invites.http.controller.js';
import { MembersHttpController } from './members/members.http.controller.js';
import { UsersHttpController } from './users/users.http.controller.js';
import { WorkspacesHttpController } from './workspaces/workspaces.http.controller.js';

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
];
