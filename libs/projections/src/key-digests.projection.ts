import type { KeyEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface KeyDigestDoc extends ProjectedDocument {
  keyId: string;
  /** Set on a rotated-out secret: it works until then. */
  validUntil: string | null;
}

/** Digest → key: how a key without an embedded id (an operator-chosen bootstrap key) is found. */
export const keyDigestsProjection: ProjectionDefinition<KeyDigestDoc> = {
  name: 'key-digests-projection',
  source: import.meta.url,
  collection: 'key_digests',
  categories: ['apiKey'],
  keysOf: (event) => {
    switch (event.type) {
      case 'ApiKeyCreated':
        return [(event.data as KeyEvents.ApiKeyCreated).digest];
      case 'ApiKeyRotated': {
        const d = event.data as KeyEvents.ApiKeyRotated;
        return [d.digest, d.previousDigest];
      }
      case 'ApiKeyDeleted':
        return (event.data as KeyEvents.ApiKeyDeleted).digests;
      default:
        return [];
    }
  },
  evolve: (doc, event, key) => {
    switch (event.type) {
      case 'ApiKeyCreated':
        return { _id: key, keyId: (event.data as KeyEvents.ApiKeyCreated).keyId, validUntil: null };
      case 'ApiKeyRotated': {
        const d = event.data as KeyEvents.ApiKeyRotated;
        return key === d.digest ? { _id: key, keyId: d.keyId, validUntil: null } : doc && { ...doc, validUntil: d.previousValidUntil };
      }
      case 'ApiKeyDeleted':
        return null;
      default:
        return doc;
    }
  },
};
