import { Inject, Injectable, Logger } from '@nestjs/common';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scopesForKeyType } from '#libs/authz';
import type { PortcullisConfig } from '#libs/config';
import type {
  CommandResult,
  CreateForInviteRequest,
  EnsureMasterKeyRequest,
  RequestContext,
  RevokeForUserRequest,
  RefUsersQuery,
  RefUsersReply,
} from '#libs/contracts';
import { deterministicEventId, EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, WorkspaceDependants } from '#libs/messaging';
import { PROJECTIONS, type Equals, type ProjectionHost } from '#libs/read-models';
import { KEY_PEPPER, KEYS_CONFIG } from '../../pepper.js';
import { Streams } from '../../streams.js';
import { apiKeyDecider } from '../domain/api-key.decider.js';
import type { KeyEvents } from '#libs/contracts';
import { mintKey } from '../mint-key.js';
import type { ApiKeyDoc } from '#libs/projections';

const NO_SETTINGS = { description: null, rateLimits: null, usageLimits: null, defaults: null, alertEmails: null, expiresAt: null, rotationPolicy: null };

/** Calls other services make: clean-ups, keys minted by invites, the master key at bootstrap. */
@Injectable()
export class InternalKeysHandler {
  private readonly logger = new Logger('keys');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_PEPPER) private readonly pepper: string,
    @Inject(KEYS_CONFIG) private readonly config: PortcullisConfig,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    dependants: WorkspaceDependants,
  ) {
    this.registerAsDependants(dependants);
  }

  /** A user left the organisation (every key of theirs dies) or a workspace (its keys die). */
  revokeForUser(request: RevokeForUserRequest, context: RequestContext): Promise<CommandResult<{ revoked: number }>> {
    const eq = { orgId: request.orgId, userId: request.userId, ...(request.workspaceId ? { workspaceId: request.workspaceId } : {}) };
    return this.deleteWhere('byUser', eq, 'user_removed', context);
  }

  /** A workspace's keys are dependants of it: counted before it is deleted, removed when forced. */
  private registerAsDependants(dependants: WorkspaceDependants): void {
    dependants.register({
      label: 'API keys',
      count: async (orgId, workspaceId) => {
        await this.projections.catchUp();
        return this.projections.collection<ApiKeyDoc>('api_keys').count('byWorkspaceType', { orgId, workspaceId });
      },
      remove: async (orgId, workspaceId, context) => (await this.deleteWhere('byWorkspaceType', { orgId, workspaceId }, 'workspace_deleted', context)).position,
    });
  }

  /** API keys whose default config is one of `refs` (a config in use cannot be deleted). */
  async keysUsingConfig(request: RefUsersQuery): Promise<RefUsersReply> {
    await this.projections.catchUp();
    const keys = this.projections.collection<ApiKeyDoc>('api_keys');
    const { docs } = await keys.find('byConfig', { eq: { orgId: request.orgId, configId: request.refs }, limit: 20 });
    return { users: docs.map((d) => ({ type: 'api_key', id: d._id, name: d.fields.name as string })) };
  }

  /** One workspace-user key per invited workspace; ids derive from the invite, so a retry mints none twice. */
  async createForInvite(request: CreateForInviteRequest, context: RequestContext): Promise<CommandResult<Array<{ id: string; key: string; workspace_id: string }>>> {
    const { metadata, at } = commandMeta(context);
    const created: Array<{ id: string; key: string; workspace_id: string }> = [];
    let position = 0;
    for (const grant of request.grants) {
      const keyId = deterministicEventId(`invite-key:${request.inviteId}:${grant.workspaceId}`, 0);
      if ((await this.store.readStream(Streams.apiKey(keyId))).length) continue;
      const minted = await mintKey(
        this.store,
        this.pepper,
        {
          keyId,
          orgId: request.orgId,
          workspaceId: grant.workspaceId,
          userId: request.userId,
          type: 'workspace-user',
          name: 'Personal key',
          scopes: grant.scopes,
          ...NO_SETTINGS,
          creationMode: 'auto',
          createdBy: request.userId,
        },
        { ...metadata, workspaceId: grant.workspaceId },
        at,
      );
      created.push({ id: keyId, key: minted.secret, workspace_id: grant.workspaceId });
      position = Math.max(position, minted.position);
    }
    return { data: created, position };
  }

  /**
   * The first organisation's master admin key: PORTCULLIS_BOOTSTRAP_ADMIN_KEY when set, else
   * generated, printed once and written to `<data dir>/bootstrap-admin-key` (mode 0600).
   */
  async ensureMasterKey(request: EnsureMasterKeyRequest, context: RequestContext): Promise<CommandResult<{ created: boolean; key?: string }>> {
    const keyId = deterministicEventId(`master-key:${request.orgId}`, 0);
    const existing = await this.store.readStream(Streams.apiKey(keyId));
    if (existing.length) return { data: { created: false }, position: existing.at(-1)!.position };
    const { metadata, at } = commandMeta(context, { orgId: request.orgId });
    const minted = await mintKey(
      this.store,
      this.pepper,
      {
        keyId,
        orgId: request.orgId,
        workspaceId: null,
        userId: null,
        type: 'organisation-service',
        name: 'Master admin key',
        scopes: scopesForKeyType('organisation-service'),
        ...NO_SETTINGS,
        description: 'Created at bootstrap; every admin scope.',
        creationMode: 'auto',
        createdBy: request.ownerUserId,
        ...(this.config.bootstrapAdminKey && !request.returnSecret ? { secret: this.config.bootstrapAdminKey } : {}),
      },
      metadata,
      at,
    );
    if (request.returnSecret) return { data: { created: true, key: minted.secret }, position: minted.position };
    this.announce(minted.secret);
    return { data: { created: true }, position: minted.position };
  }

  private announce(secret: string): void {
    const file = join(this.config.dataDir, 'bootstrap-admin-key');
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    if (this.config.bootstrapAdminKey) {
      this.logger.log(`master admin key: the value of PORTCULLIS_BOOTSTRAP_ADMIN_KEY (also in ${file})`);
    } else {
      // Printed this once, on purpose: it is the only way in to a fresh deployment.
      process.stdout.write(`\n  Master admin key (shown once; also in ${file}, mode 0600):\n\n    ${secret}\n\n`);
    }
  }

  private async deleteWhere(index: string, eq: Equals, reason: KeyEvents.ApiKeyDeleted['reason'], context: RequestContext) {
    // Keys created a moment ago must not escape the clean-up.
    await this.projections.catchUp();
    const { docs: keys } = await this.projections.collection<ApiKeyDoc>('api_keys').find(index, { eq });
    const { metadata, at } = commandMeta(context);
    let position = 0;
    for (const key of keys) {
      try {
        const result = await handleCommand(this.store, Streams.apiKey(key._id), apiKeyDecider, { type: 'DeleteApiKey', keyId: key._id, reason, at }, {
          metadata: { ...metadata, workspaceId: key.workspaceId },
        });
        position = Math.max(position, result.position);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }
    return { data: { revoked: keys.length }, position };
  }
}
