import { createHash } from 'node:crypto';

/** A UUID-shaped id derived from a key: the same key always names the same resource. */
function uuidFrom(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Every workspace has one default prompt collection. Its id derives from the workspace's, so it
 * can be created lazily by whoever needs it first (twice at once is one creation) and the
 * collections read model can drop it when its workspace is deleted.
 */
export const defaultCollectionId = (workspaceId: string) => uuidFrom(`default-collection:${workspaceId}`);

/** `co-default-<8 hex>`: never the shape of a generated slug (those end in 6 hex). */
export const defaultCollectionSlug = (workspaceId: string) => `co-default-${createHash('sha256').update(workspaceId).digest('hex').slice(0, 8)}`;
