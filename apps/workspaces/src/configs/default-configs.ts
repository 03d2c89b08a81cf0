import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import { ConfigStreams } from './config-streams.js';
import { defaultConfigDecider } from './domain/default-config.decider.js';

/** Moves or clears a workspace's default config (one pointer stream per workspace). */
@Injectable()
export class DefaultConfigs {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async set(where: { orgId: string; workspaceId: string }, configId: string, metadata: EventMetadata, at: string): Promise<number> {
    const result = await handleCommand(this.store, ConfigStreams.defaultOf(where.workspaceId), defaultConfigDecider, { type: 'SetDefaultConfig', ...where, configId, at }, { metadata, maxRetries: 10 });
    return result.position;
  }

  async clear(where: { orgId: string; workspaceId: string }, configId: string, metadata: EventMetadata, at: string): Promise<number> {
    const result = await handleCommand(this.store, ConfigStreams.defaultOf(where.workspaceId), defaultConfigDecider, { type: 'ClearDefaultConfig', ...where, configId, at }, { metadata, maxRetries: 10 });
    return result.position;
  }
}
