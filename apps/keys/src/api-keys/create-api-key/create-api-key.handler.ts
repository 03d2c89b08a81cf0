import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal, can, canGrantKey, isScope, orgRoleAtLeast, type AuthPrincipal } from '#libs/authz';
import { DomainError, type CommandResult, type CreateApiKeyRequest, type CreatedApiKey, type RequestContext } from '#libs/contracts';
import { findOrgMemberFresh, findWorkspaceMemberFresh } from '#libs/projections';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { badKeyRequest, keyDenied } from '../domain/api-key.errors.js';
import { keyAction } from '../key-actions.js';
import { KeyAccess } from '../key-access.js';
import { mintKey } from '../mint-key.js';
import { checkRotationPolicy } from '../rotation-policy-rules.js';
import { KEY_PEPPER } from '../../pepper.js';

/**
 * POST /api-keys/{type}/{sub-type}. Admin keys name the workspace; workspace keys create only in
 * their own. Attenuation: the new key's scopes must be held by the creator, fit the key type,
 * and a user key belongs to a member of the workspace (users mint only their own).
 */
@Injectable()
export class CreateApiKeyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_PEPPER) private readonly pepper: string,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: KeyAccess,
  ) {}

  async execute(request: CreateApiKeyRequest, context: RequestContext): Promise<CommandResult<CreatedApiKey>> {
    const principal = authPrincipal(context);
    const orgId = principal.orgId;
    const workspaceId = await this.targetWorkspace(request, principal, context);
    const decision = can(principal, keyAction(request.type, 'create'), { orgId, workspaceId });
    if (!decision.allow) throw keyDenied(decision.reason, decision.missing);
    const userId = await this.targetUser(request, orgId, workspaceId);
    this.validate(request, context);
    const grant = canGrantKey(principal, { type: request.type, workspaceId, userId, scopes: request.scopes });
    if (!grant.allow) {
      if (grant.code === 'KEY_TYPE') throw badKeyRequest('SCOPE_NOT_FOR_KEY_TYPE', grant.reason, { scope: grant.missing });
      throw keyDenied(grant.reason, grant.missing);
    }
    const keyId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId, resourceId: keyId });
    const { secret, position } = await mintKey(
      this.store,
      this.pepper,
      {
        keyId,
        orgId,
        workspaceId,
        userId,
        type: request.type,
        name: request.name,
        scopes: [...new Set(request.scopes)],
        description: request.description ?? null,
        rateLimits: request.rate_limits ?? null,
        usageLimits: request.usage_limits ?? null,
        defaults: (request.defaults as Record<string, unknown> | null | undefined) ?? null,
        alertEmails: request.alert_emails ?? null,
        expiresAt: request.expires_at ? new Date(request.expires_at).toISOString() : null,
        rotationPolicy: (request.rotation_policy as Record<string, unknown> | null | undefined) ?? null,
        creationMode: 'api',
        createdBy: principal.userId ?? principal.keyId,
      },
      metadata,
      at,
    );
    const view = await this.access.view(keyId, position);
    return { data: { ...view!, key: secret }, position };
  }

  private async targetWorkspace(request: CreateApiKeyRequest, principal: AuthPrincipal, context: RequestContext): Promise<string | null> {
    if (request.type === 'organisation-service') return null;
    if (principal.keyType !== 'organisation-service') {
      // Workspace keys act in their own workspace; a different one named in the body is refused.
      if (request.workspace_id && request.workspace_id !== principal.workspaceId) {
        const named = await this.access.workspace(request.workspace_id, principal.orgId, context.minPosition);
        if (named?._id !== principal.workspaceId) throw keyDenied('workspace API keys act only inside their own workspace');
      }
      return principal.workspaceId;
    }
    if (!request.workspace_id) throw badKeyRequest('WORKSPACE_REQUIRED', 'workspace_id is required when an admin key creates a workspace key');
    const ws = await this.access.workspace(request.workspace_id, principal.orgId, context.minPosition);
    if (!ws) throw new DomainError('KEYS.WORKSPACE_NOT_FOUND', `workspace ${request.workspace_id} was not found`, 403, { errorCode: 'AB03' });
    return ws._id;
  }

  private async targetUser(request: CreateApiKeyRequest, orgId: string, workspaceId: string | null): Promise<string | null> {
    if (request.type !== 'workspace-user') return null;
    if (!request.user_id) throw badKeyRequest('USER_REQUIRED', 'user_id is required for workspace user keys');
    const catchUp = () => this.projections.catchUp();
    const person = await findOrgMemberFresh(this.projections, orgId, request.user_id);
    if (!person) throw badKeyRequest('USER_NOT_FOUND', `user ${request.user_id} is not a member of this organisation`);
    const member = await findWorkspaceMemberFresh(this.projections, workspaceId!, request.user_id);
    // Organisation owners and admins act as admins of every workspace.
    if (!member && !orgRoleAtLeast(person.role, 'admin')) {
      throw badKeyRequest('USER_NOT_IN_WORKSPACE', `user ${request.user_id} is not a member of workspace ${workspaceId}`);
    }
    return request.user_id;
  }

  private validate(request: CreateApiKeyRequest, context: RequestContext): void {
    const unknown = request.scopes.filter((s) => !isScope(s));
    if (unknown.length) throw badKeyRequest('UNKNOWN_SCOPE', `unknown scopes: ${unknown.join(', ')}`, { scopes: unknown });
    const now = Date.parse(context.occurredAt ?? new Date().toISOString());
    if (request.expires_at && Date.parse(request.expires_at) <= now) throw badKeyRequest('EXPIRED', 'expires_at is in the past');
    checkRotationPolicy(request.rotation_policy, new Date(now).toISOString());
  }
}
