import type { ProviderEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { slugTaken } from './slug.errors.js';

export type SlugEvent =
  | { type: 'SlugReserved'; data: ProviderEvents.SlugReserved }
  | { type: 'SlugReleased'; data: ProviderEvents.SlugReleased };

export type SlugCommand =
  | { type: 'ReserveSlug'; scopeId: string; slug: string; ownerId: string; at: string }
  | { type: 'ReleaseSlug'; scopeId: string; slug: string; ownerId: string; at: string };

export interface SlugState {
  ownerId: string | null;
}

/**
 * A slug reservation stream (one per scope × slug): held by one owner at a time, free again once
 * its owner is deleted. Appends use the expected revision, so two creations never share a slug.
 */
export const slugDecider: Decider<SlugCommand, SlugEvent, SlugState> = {
  initialState: () => ({ ownerId: null }),

  decide(command, state) {
    const data = { scopeId: command.scopeId, slug: command.slug, ownerId: command.ownerId, at: command.at };
    switch (command.type) {
      case 'ReserveSlug':
        if (state.ownerId === command.ownerId) return [];
        if (state.ownerId) throw slugTaken(command.slug);
        return [{ type: 'SlugReserved', data }];
      case 'ReleaseSlug':
        return state.ownerId === command.ownerId ? [{ type: 'SlugReleased', data }] : [];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SlugReserved':
        return { ownerId: event.data.ownerId };
      case 'SlugReleased':
        return state.ownerId === event.data.ownerId ? { ownerId: null } : state;
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
