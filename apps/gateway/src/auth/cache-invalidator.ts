import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '#libs/event-store';
import { PositionWaiters } from '#libs/read-models';
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
  private readonly progress = new PositionWaiters('cache invalidation');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly auth: Authenticator,
    private readonly workspaces: WorkspaceResolver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const from = await this.store.headPosition();
    this.progress.reset(from);
    this.auth.cache.position = from;
    // The whole feed, not only key and membership events: `waitFor` must see every position.
    this.subscription = this.store.subscribeAll({ fromPosition: from });
    this.loop = this.follow(this.subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  /**
   * Resolves once every invalidation up to `position` is applied here. Commands through this
   * gateway wait for it, so their own effects (and cascades: a deleted user's keys) hold on the
   * very next request.
   */
  async waitFor(position: number, timeoutMs = 2_000): Promise<void> {
    if (this.stopped) return;
    // A late feed only delays freshness: answer anyway, loudly.
    await this.progress.waitFor(position, timeoutMs).catch(() => this.logger.warn(`invalidations have not reached position ${position} after ${timeoutMs} ms`));
  }

  private async follow(subscription: Subscription): Promise<void> {
    try {
      for await (const { event, position, lastInCommit } of subscription) {
        try {
          this.apply(event);
        } catch (error) {
          // A malformed event must not stop invalidation: forget everything it could concern.
          this.logger.error(`invalidation of ${event.type} ${event.id} at position ${position} failed (${(error as Error).message}); clearing the caches`);
          this.auth.cache.clear();
          this.workspaces.clear();
        }
        if (lastInCommit) {
          this.progress.advance(position);
          this.auth.cache.position = position;
        }
      }
    } catch (error) {
      if (!this.stopped) this.logger.error(`invalidation feed stopped: ${(error as Error).message}`);
    }
  }

  private apply(event: RecordedEvent): void {
    const d = (event.data ?? {}) as { keyId?: string; userId?: string; workspaceId?: string };
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
}
