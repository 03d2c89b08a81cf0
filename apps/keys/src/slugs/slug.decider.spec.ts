import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { slugDecider } from './slug.decider.js';

const reserved = { scopeId: 'w1', slug: 'prod', ownerId: 'p1', at: 't0' };

describe('slug reservations', () => {
  const spec = deciderSpec(slugDecider);

  it('a free slug is reserved; a held one is refused; its owner reserving again is a no-op', () => {
    spec.given([]).when({ type: 'ReserveSlug', ...reserved }).then([{ type: 'SlugReserved', data: reserved }]);
    spec.given([{ type: 'SlugReserved', data: reserved }]).when({ type: 'ReserveSlug', ...reserved, ownerId: 'p2' }).thenThrows({ code: 'KEYS.SLUG_TAKEN', status: 409 });
    spec.given([{ type: 'SlugReserved', data: reserved }]).when({ type: 'ReserveSlug', ...reserved }).then([]);
  });

  it('a released slug can be taken again; only the owner releases it', () => {
    const released = { ...reserved, at: 't1' };
    spec.given([{ type: 'SlugReserved', data: reserved }]).when({ type: 'ReleaseSlug', ...reserved, ownerId: 'p2' }).then([]);
    spec.given([{ type: 'SlugReserved', data: reserved }]).when({ type: 'ReleaseSlug', ...released }).then([{ type: 'SlugReleased', data: released }]);
    spec
      .given([{ type: 'SlugReserved', data: reserved }, { type: 'SlugReleased', data: released }])
      .when({ type: 'ReserveSlug', ...reserved, ownerId: 'p2', at: 't2' })
      .then([{ type: 'SlugReserved', data: { ...reserved, ownerId: 'p2', at: 't2' } }]);
  });
});
