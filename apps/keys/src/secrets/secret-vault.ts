import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PortcullisConfig } from '#libs/config';
import type { ProviderEvents } from '#libs/contracts';
import { EVENT_STORE, foldState, handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import {
  dataKeyDecider,
  dataKeyMissing,
  dataKeyStream,
  decryptionFailed,
  generateDataKey,
  loadMasterKeys,
  masterKeySource,
  open,
  seal,
  secretAad,
  unwrapWith,
  wrapDataKey,
  type DataKeyState,
  type MasterKey,
  type MasterKeySource,
} from '#libs/secrets';
import { KEYS_CONFIG } from '../pepper.js';

/**
 * Envelope encryption of provider credentials: each organisation has one data key (AES-256-GCM),
 * created on first use and stored only wrapped by the deployment's master key
 * (PORTCULLIS_MASTER_KEY, else `<data dir>/master-key`, generated on first start). Unwrapped data
 * keys live in this process's memory only. `portcullis keys rewrap` re-wraps data keys under a
 * new master key; the data keys, and so every sealed secret, stay as they are.
 */
@Injectable()
export class SecretVault {
  private readonly source: MasterKeySource;
  private keys: { current: MasterKey; next: MasterKey | null };
  private readonly dataKeys = new Map<string, { keyId: string; key: Buffer }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEYS_CONFIG) config: PortcullisConfig,
  ) {
    this.source = masterKeySource(config);
    const loaded = loadMasterKeys(this.source, { create: true });
    this.keys = { current: loaded.current!, next: loaded.next };
  }

  /** The id of the master key new data keys are wrapped with (safe to print). */
  get masterKeyId(): string {
    return (this.keys.next ?? this.keys.current).id;
  }

  /** Seals `plaintext` for `field` of record `ownerId`; the organisation's data key is made on first use. */
  async seal(orgId: string, ownerId: string, field: string, plaintext: string, metadata: EventMetadata): Promise<ProviderEvents.SealedSecret> {
    const { keyId, key } = await this.dataKey(orgId, metadata);
    return { kid: keyId, box: seal(key, plaintext, secretAad(orgId, ownerId, field)) };
  }

  /** The plaintext of a sealed secret; throws (500, loudly) on a wrong master key or a damaged box. */
  async open(orgId: string, ownerId: string, field: string, sealed: ProviderEvents.SealedSecret): Promise<string> {
    const { keyId, key } = await this.dataKey(orgId);
    if (sealed.kid !== keyId) throw decryptionFailed(`${field} of ${ownerId}`);
    const plaintext = open(key, sealed.box, secretAad(orgId, ownerId, field));
    if (!plaintext) throw decryptionFailed(`${field} of ${ownerId}`);
    return plaintext.toString('utf8');
  }

  private async dataKey(orgId: string, metadata?: EventMetadata): Promise<{ keyId: string; key: Buffer }> {
    const cached = this.dataKeys.get(orgId);
    if (cached) return cached;
    let state = foldState(dataKeyDecider, await this.store.readStream(dataKeyStream(orgId)));
    if (!state.key) {
      if (!metadata) throw dataKeyMissing(orgId);
      state = await this.create(orgId, metadata);
    }
    const found = { keyId: state.key!.keyId, key: this.unwrap(state.key!) };
    this.dataKeys.set(orgId, found);
    return found;
  }

  private async create(orgId: string, metadata: EventMetadata): Promise<DataKeyState> {
    // A rotation may be under way (`master-key.next` present): new data keys go under the next key.
    this.reload();
    const master = this.keys.next ?? this.keys.current;
    const keyId = randomUUID();
    const wrapped = wrapDataKey(master, generateDataKey(), orgId, keyId);
    // Not a request's record of its own: the metadata names the caller but carries no HTTP request.
    const { http: _http, audit: _audit, ...internal } = metadata as EventMetadata & { http?: unknown; audit?: unknown };
    const result = await handleCommand(
      this.store,
      dataKeyStream(orgId),
      dataKeyDecider,
      { type: 'CreateDataKey', key: { orgId, keyId, wrapped, masterKeyId: master.id }, at: metadata.occurredAt ?? new Date().toISOString() },
      { metadata: internal },
    );
    // Someone else created it first: theirs is the key (the decider appended nothing).
    return result.state;
  }

  private unwrap(state: NonNullable<DataKeyState['key']>): Buffer {
    try {
      return unwrapWith(this.ring(), state);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SECRETS.MASTER_KEY_MISMATCH') throw error;
      // The key file may have changed under us (a rotation finished): read it again, once.
      this.reload();
      return unwrapWith(this.ring(), state);
    }
  }

  private ring(): MasterKey[] {
    return [this.keys.current, ...(this.keys.next ? [this.keys.next] : [])];
  }

  private reload(): void {
    const loaded = loadMasterKeys(this.source, { create: false });
    this.keys = { current: loaded.current ?? this.keys.current, next: loaded.next };
  }
}
