import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type SubscribedEvent } from '#libs/event-store';
import { followFeed, PositionWaiters, type FeedFollower } from '#libs/read-models';
import { Authenticator } from './authenticator.js';
import { WorkspaceResolver } from './workspace-resolver.js';
import { DataPlaneDirectory } from '../completions/data-plane-directory.js';

/**
 * Push invalidation: the gateway follows key, membership and workspace events, so a deleted,
 * narrowed or rotated key, a changed role or a deleted workspace takes effect on the next
 * request, on every gateway replica.
 */
@Injectable()
export class CacheInvalidator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('cache-invalidator');
  private follower?: FeedFollower;
  private stopped = false;
  private readonly progress = new PositionWaiters('cache invalidation');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly auth: Authenticator,
    private readonly workspaces: WorkspaceResolver,
    @Optional() private readonly directory?: DataPlaneDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const from = await this.store.headPosition();
    this.progress.reset(from);
    this.auth.cache.position = from;
    // The whole feed, not only key and membership events: `waitFor` must see every position.
    this.follower = followFeed({
      name: 'cache-invalidator',
      store: this.store,
      position: () => this.progress.position,
      // Every commit on its own, at once: invalidation latency is what revocation waits for.
      batchSize: 1,
      idleMs: 0,
      stopped: () => this.stopped,
      flush: async (batch) => this.applyBatch(batch),
      // While the feed is down, nothing cached can be trusted to be current.
      onTrouble: (message) => {
        if (!message) return;
        this.auth.cache.clear();
        this.workspaces.clear();
        this.directory?.clear();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.follower?.stop();
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

  private applyBatch(batch: SubscribedEvent[]): void {
    for (const { event, position, lastInCommit } of batch) {
      try {
        this.apply(event);
      } catch (error) {
        // A malformed event must not stop invalidation: forget everything it could concern.
        this.logger.error(`invalidation of ${event.type} ${event.id} at position ${position} failed (${(error as Error).message}); clearing the caches`);
        this.auth.cache.clear();
        this.workspaces.clear();
        this.directory?.clear();
      }
      if (lastInCommit) {
        this.progress.advance(position);
        this.auth.cache.position = position;
      }
    }
  }

  private apply(event: RecordedEvent): void {
    // Virtual keys, providers and configs the data plane holds (completions).
    this.directory?.onEvent(event.type, (event.metadata as { orgId?: string } | undefined)?.orgId);
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
