import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Subscription } from '#libs/event-store';
import { Authenticator } from './authenticator.js';
import { WorkspaceResolver } from './workspace-resolver.js';

/**
 * Push invalidation: the gateway follows key, membership and workspace events, so a deleted,
 * narrowed or rotated key, a changed role or a deleted workspace takes effect on the next
 * request, on every gateway replica.
 */
@Injectable()
export class CacheInvalidator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('cache-invalidator');
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly auth: Authenticator,
    private readonly workspaces: WorkspaceResolver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const from = await this.store.headPosition();
    this.subscription = this.store.subscribeAll({ fromPosition: from, categories: ['apiKey', 'org', 'workspace'] });
    this.loop = this.follow(this.subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  private async follow(subscription: Subscription): Promise<void> {
    try {
      for await (const { event } of subscription) {
        const d = event.data as { keyId?: string; userId?: string; workspaceId?: string };
        switch (event.type) {
          case 'ApiKeyCreated':
            this.auth.cache.forgetBad();
            break;
          case 'ApiKeyRotated':
            this.auth.cache.forgetBad();
            this.auth.cache.invalidateKey(d.keyId!);
            break;
          case 'ApiKeyUpdated':
          case 'ApiKeyDeleted':
            this.auth.cache.invalidateKey(d.keyId!);
            break;
          case 'OrgMemberRoleChanged':
          case 'OrgMemberRemoved':
          case 'WorkspaceMemberAdded':
          case 'WorkspaceMemberRoleChanged':
          case 'WorkspaceMemberRemoved':
            this.auth.cache.invalidateUser(d.userId!);
            break;
          case 'WorkspaceDeleted':
          case 'WorkspaceUpdated':
            this.auth.cache.invalidateWorkspace(d.workspaceId!);
            this.workspaces.forget(d.workspaceId!);
            break;
          default:
            break;
        }
      }
    } catch (error) {
      if (!this.stopped) this.logger.error(`invalidation feed stopped: ${(error as Error).message}`);
    }
  }
}
