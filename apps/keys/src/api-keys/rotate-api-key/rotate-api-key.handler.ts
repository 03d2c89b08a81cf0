import { Inject, Injectable } from '@nestjs/common';
import { MIN_TRANSITION_MS, type CommandResult, type RequestContext, type RotateApiKeyRequest, type RotatedApiKey } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { KEY_PEPPER } from '../../pepper.js';
import { Streams } from '../../streams.js';
import { apiKeyDecider } from '../domain/api-key.decider.js';
import { generateKey, keyDigest, maskKey } from '../domain/key-material.js';
import { KeyAccess } from '../key-access.js';

/**
 * POST /api-keys/{id}/rotate: same id, new secret; the old secret keeps working for the
 * transition period (default and minimum 30 minutes, or the key's rotation policy).
 */
@Injectable()
export class RotateApiKeyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_PEPPER) private readonly pepper: string,
    private readonly access: KeyAccess,
  ) {}

  async execute(request: RotateApiKeyRequest, context: RequestContext): Promise<CommandResult<RotatedApiKey>> {
    const { state } = await this.access.authorised(request.id, 'rotate', context);
    const key = state.key!;
    const policy = state.fields.rotation_policy as { key_transition_period_ms?: number } | null;
    const transitionMs = Math.max(MIN_TRANSITION_MS, request.key_transition_period_ms ?? policy?.key_transition_period_ms ?? MIN_TRANSITION_MS);
    const secret = generateKey(key.type, key.keyId);
    const { metadata, at } = commandMeta(context, { workspaceId: key.workspaceId });
    const result = await handleCommand(
      this.store,
      Streams.apiKey(request.id),
      apiKeyDecider,
      { type: 'RotateApiKey', keyId: request.id, digest: keyDigest(this.pepper, secret), masked: maskKey(secret), transitionMs, at },
      { metadata },
    );
    return {
      data: { id: request.id, key: secret, key_transition_expires_at: result.state.previousValidUntil!, object: 'api-key' },
      position: result.position,
    };
  }
}
