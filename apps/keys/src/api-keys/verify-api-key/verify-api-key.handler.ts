import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, type RequestContext, type VerifiedKey } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { findOrgMember, findWorkspaceMember } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { KEY_PEPPER, KEYS_CONFIG } from '../../pepper.js';
import type { PortcullisConfig } from '#libs/config';
import { invalidApiKey } from '../domain/api-key.errors.js';
import { keyDigest, parseKey } from '../domain/key-material.js';
import type { ApiKeyDoc } from '#libs/projections';
import type { KeyDigestDoc } from '#libs/projections';

const CATCH_UP_MS = 2_000;
/** Refusals that lag could explain (the key or the membership is newer than our read models). */
const RETRY_AFTER_CATCH_UP = /unknown key|has left the organisation/;

/**
 * The gateway's cold path (its cache sits in front): secret → principal, from memory-speed read
 * models. The caller passes the feed position its own invalidations reached, and the answer is
 * at least that fresh (a key deleted or narrowed there is never accepted here); a miss catches up
 * with the whole store before refusing, so a key or membership created a moment ago through
 * another gateway is never refused. A malformed key or a bad checksum touches no store.
 */
@Injectable()
export class VerifyApiKeyHandler {
  private readonly logger = new Logger('verify');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_PEPPER) private readonly pepper: string,
    @Inject(KEYS_CONFIG) private readonly config: PortcullisConfig,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(raw: string, context: RequestContext): Promise<VerifiedKey> {
    try {
      await this.fresh(() => this.projections.waitFor(context.minPosition, CATCH_UP_MS));
      try {
        return await this.verify(raw);
      } catch (error) {
        if (!(error instanceof DomainError) || !RETRY_AFTER_CATCH_UP.test(error.message)) throw error;
        await this.fresh(() => this.projections.catchUp(CATCH_UP_MS));
        return await this.verify(raw);
      }
    } catch (error) {
      throw await this.attributed(error, raw, context);
    }
  }

  /**
   * A refused key that names a real key (deleted, expired, rotated out) is attributed to its
   * organisation, so the denial lands in that organisation's audit log. Nothing secret is added.
   */
  private async attributed(error: unknown, raw: string, _context: RequestContext): Promise<unknown> {
    const parsed = parseKey(raw);
    if (!(error instanceof DomainError) || error.status !== 401 || parsed.format !== 'portcullis' || !parsed.checksumOk || error.details) return error;
    const created = (await this.store.readStream(`apiKey-${parsed.keyId}`))[0];
    const orgId = (created?.data as { orgId?: string } | undefined)?.orgId;
    return orgId ? invalidApiKey(error.message.replace(/^invalid API key: /, ''), { keyId: parsed.keyId, orgId }) : error;
  }

  private async verify(raw: string): Promise<VerifiedKey> {
    const parsed = parseKey(raw);
    if (parsed.format === 'invalid') throw invalidApiKey('not a Portcullis API key');
    if (parsed.format === 'portcullis' && !parsed.checksumOk) throw invalidApiKey('checksum mismatch (mistyped key?)');
    const digest = await this.projections.collection<KeyDigestDoc>('key_digests').get(keyDigest(this.pepper, raw));
    if (!digest || (parsed.format === 'portcullis' && digest.keyId !== parsed.keyId)) throw invalidApiKey('unknown key');
    const now = new Date(this.config.clock()).toISOString();
    if (digest.validUntil && digest.validUntil <= now) throw invalidApiKey('this secret was rotated out');
    const key = await this.projections.collection<ApiKeyDoc>('api_keys').get(digest.keyId);
    if (!key) throw invalidApiKey('unknown key');
    const expiresAt = earliest(key.fields.expires_at as string | null, digest.validUntil);
    if (expiresAt && expiresAt <= now) throw invalidApiKey('the key has expired');
    let orgRole: VerifiedKey['orgRole'] = null;
    let workspaceRole: VerifiedKey['workspaceRole'] = null;
    if (key.userId) {
      const person = await findOrgMember(this.projections, key.orgId, key.userId);
      if (!person) throw invalidApiKey("the key's user has left the organisation");
      orgRole = person.role;
      workspaceRole = key.workspaceId ? ((await findWorkspaceMember(this.projections, key.workspaceId, key.userId))?.role ?? null) : null;
    }
    return {
      keyId: key._id,
      keyType: key.type,
      orgId: key.orgId,
      workspaceId: key.workspaceId,
      userId: key.userId,
      scopes: key.fields.scopes as string[],
      orgRole,
      workspaceRole,
      expiresAt,
      status: 'active',
    };
  }

  private async fresh(wait: () => Promise<void>): Promise<void> {
    try {
      await wait();
    } catch (error) {
      // A stalled projection must not take authentication down: answer from what we have.
      this.logger.warn(`verifying without catching up: ${(error as Error).message}`);
    }
  }
}

function earliest(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}
