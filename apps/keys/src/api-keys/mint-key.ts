import { handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import type { ApiKeyType, KeyEvents } from '#libs/contracts';
import { apiKeyDecider } from './domain/api-key.decider.js';
import { generateKey, keyDigest, maskKey } from './domain/key-material.js';
import { Streams } from '../streams.js';

export interface MintRequest extends KeyEvents.ApiKeySettings {
  keyId: string;
  orgId: string;
  workspaceId: string | null;
  userId: string | null;
  type: ApiKeyType;
  name: string;
  scopes: string[];
  creationMode: 'api' | 'auto';
  createdBy: string;
  /** An operator-chosen secret (bootstrap only); otherwise one is generated. */
  secret?: string;
}

/** Generates the secret, records only its digest and mask, and returns the plaintext once. */
export async function mintKey(
  store: EventStore,
  pepper: string,
  request: MintRequest,
  metadata: EventMetadata,
  at: string,
): Promise<{ secret: string; position: number }> {
  const { secret: chosen, ...key } = request;
  const secret = chosen ?? generateKey(request.type, request.keyId);
  const result = await handleCommand(
    store,
    Streams.apiKey(request.keyId),
    apiKeyDecider,
    { type: 'CreateApiKey', key: { ...key, digest: keyDigest(pepper, secret), masked: maskKey(secret) }, at },
    { metadata },
  );
  return { secret, position: result.position };
}
