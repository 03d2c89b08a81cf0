import { Inject, Injectable } from '@nestjs/common';
import { canAddScopes, isScope } from '#libs/authz';
import type { CommandResult, RequestContext, UpdateApiKeyRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { Streams } from '../../streams.js';
import { apiKeyDecider } from '../domain/api-key.decider.js';
import { badKeyRequest, keyDenied } from '../domain/api-key.errors.js';
import { KeyAccess } from '../key-access.js';
import { checkRotationPolicy } from '../rotation-policy-rules.js';

/**
 * PUT /api-keys/{id}: type, sub-type and user are immutable; new scopes obey attenuation;
 * `reset_usage: true` resets usage once (it is not stored).
 */
@Injectable()
export class UpdateApiKeyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: KeyAccess,
  ) {}

  async execute(request: UpdateApiKeyRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { state, principal } = await this.access.authorised(request.id, 'update', context);
    const key = state.key!;
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(request.changes).filter(([, v]) => v !== undefined));
    if (changes.scopes) {
      const scopes = [...new Set(changes.scopes as string[])];
      const unknown = scopes.filter((s) => !isScope(s));
      if (unknown.length) throw badKeyRequest('UNKNOWN_SCOPE', `unknown scopes: ${unknown.join(', ')}`, { scopes: unknown });
      // Only scopes being added need the caller to hold them; dropping scopes is always allowed.
      const added = scopes.filter((s) => !(state.fields.scopes as string[]).includes(s));
      const grant = canAddScopes(principal, key.type, added);
      if (!grant.allow) {
        if (grant.code === 'KEY_TYPE') throw badKeyRequest('SCOPE_NOT_FOR_KEY_TYPE', grant.reason, { scope: grant.missing });
        throw keyDenied(grant.reason, grant.missing);
      }
      changes.scopes = scopes;
    }
    if (typeof changes.expires_at === 'string') changes.expires_at = new Date(changes.expires_at).toISOString();
    checkRotationPolicy(request.changes.rotation_policy, context.occurredAt ?? new Date().toISOString(), state.schedule.nextRotationAt);
    // A trigger, not a field: only `true` asks for a reset.
    if (changes.reset_usage !== true) delete changes.reset_usage;
    const { metadata, at } = commandMeta(context, { workspaceId: key.workspaceId });
    const result = await handleCommand(
      this.store,
      Streams.apiKey(request.id),
      apiKeyDecider,
      { type: 'UpdateApiKey', keyId: request.id, changes, at },
      { metadata, maxRetries: 10 },
    );
    return { data: {}, position: result.position };
  }
}
