import { Inject, Injectable } from '@nestjs/common';
import type { ProviderEvents } from '#libs/contracts';
import { EVENT_STORE, foldState, handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import { releaseSlug, reserveSlug, type SlugScope } from '../slugs/slugs.js';
import { Streams } from '../streams.js';
import { providerDecider, type ProviderState } from './domain/provider.decider.js';

export type NewProvider = Omit<ProviderEvents.ProviderCreated, 'at' | 'slug'> & { slug?: string };

const slugScope = (workspaceId: string): SlugScope => ({ stream: (slug) => Streams.providerSlug(workspaceId, slug), scopeId: workspaceId });

/** Writes providers (virtual keys included): slugs reserved per workspace, freed on deletion. */
@Injectable()
export class ProviderWriter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(providerId: string): Promise<ProviderState> {
    return foldState(providerDecider, await this.store.readStream(Streams.provider(providerId)));
  }

  /** Reserves the slug (the requested one, or the name plus a random suffix) and records the provider. */
  async reserve(workspaceId: string, request: { slug?: string; name: string; ownerId: string }, metadata: EventMetadata, at: string): Promise<string> {
    return reserveSlug(this.store, slugScope(workspaceId), { ...request, fallback: 'provider' }, metadata, at);
  }

  async release(workspaceId: string, slug: string, ownerId: string, metadata: EventMetadata, at: string): Promise<void> {
    await releaseSlug(this.store, slugScope(workspaceId), slug, ownerId, metadata, at);
  }

  /** Records a provider whose slug `reserve` already holds. */
  async record(spec: Omit<ProviderEvents.ProviderCreated, 'at'>, metadata: EventMetadata, at: string): Promise<number> {
    const result = await handleCommand(this.store, Streams.provider(spec.providerId), providerDecider, { type: 'CreateProvider', provider: spec, at }, { metadata });
    return result.position;
  }

  async create(spec: NewProvider, metadata: EventMetadata, at: string): Promise<{ slug: string; position: number }> {
    const slug = await this.reserve(spec.workspaceId, { slug: spec.slug, name: spec.name, ownerId: spec.providerId }, metadata, at);
    try {
      return { slug, position: await this.record({ ...spec, slug }, metadata, at) };
    } catch (error) {
      await this.release(spec.workspaceId, slug, spec.providerId, metadata, at);
      throw error;
    }
  }

  async update(providerId: string, changes: Record<string, unknown>, metadata: EventMetadata, at: string): Promise<number> {
    const result = await handleCommand(this.store, Streams.provider(providerId), providerDecider, { type: 'UpdateProvider', providerId, changes, at }, { metadata, maxRetries: 10 });
    return result.position;
  }

  async delete(providerId: string, reason: ProviderEvents.ProviderDeleted['reason'], metadata: EventMetadata, at: string): Promise<{ position: number; provider: ProviderEvents.ProviderCreated }> {
    const result = await handleCommand(this.store, Streams.provider(providerId), providerDecider, { type: 'DeleteProvider', providerId, reason, at }, { metadata });
    const provider = result.state.provider!;
    await this.release(provider.workspaceId, provider.slug, providerId, metadata, at);
    return { position: result.position, provider };
  }
}
