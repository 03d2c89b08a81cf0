import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PortcullisConfig } from '#libs/config';
import type { IdentityEvents } from '#libs/contracts';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '#libs/event-store';
import { RpcClient } from '#libs/messaging';
import { IDENTITY_CONFIG } from '../identity.tokens.js';
import { provisionOrganisation } from '../organisations/provision-organisation.js';
import { Streams } from '../streams.js';

/**
 * First start with an empty store: the first organisation, its owner, its default workspace and
 * the master admin key. The plan (ids) is recorded first in `bootstrap-portcullis` with
 * expected revision "no stream", so restarts and racing replicas carry out the same plan once.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('bootstrap');
  private stopped = false;
  done?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_CONFIG) private readonly config: PortcullisConfig,
    private readonly rpc: RpcClient,
  ) {}

  onApplicationBootstrap(): void {
    // Runs in the background: the other services may still be starting.
    this.done = this.runUntilDone();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async runUntilDone(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.run();
        return;
      } catch (error) {
        const delay = Math.min(2_000, 100 * 2 ** attempt);
        if (attempt > 2) this.logger.warn(`not finished yet (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async run(): Promise<void> {
    const plan = await this.plan();
    await provisionOrganisation(this.store, this.rpc, plan, {
      name: this.config.bootstrapOrgName,
      ownerEmail: this.config.bootstrapOwnerEmail,
      returnSecret: false,
    });
    this.logger.log(`organisation ${plan.orgId} is ready`);
  }

  private async plan(): Promise<IdentityEvents.BootstrapStarted> {
    const stream = Streams.bootstrap();
    const existing = await this.store.readStream(stream);
    if (existing[0]) return existing[0].data as IdentityEvents.BootstrapStarted;
    const plan: IdentityEvents.BootstrapStarted = {
      orgId: randomUUID(),
      ownerUserId: randomUUID(),
      workspaceId: randomUUID(),
      at: new Date().toISOString(),
    };
    try {
      await this.store.append(stream, [{ id: randomUUID(), type: 'BootstrapStarted', data: plan, metadata: { actor: { type: 'system', id: 'system' }, orgId: plan.orgId } }], {
        expectedRevision: 'no_stream',
      });
      this.logger.log(`empty store: creating the first organisation ${plan.orgId}`);
      return plan;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return (await this.store.readStream(stream))[0]!.data as IdentityEvents.BootstrapStarted;
    }
  }
}
