import type { RequestContext } from '#libs/contracts';
import type { CollectionDoc } from '#libs/projections';
import { invalidField } from '../prompt-library/library.errors.js';
import type { LibraryAccess } from '../prompt-library/library-access.js';

/** The collection a prompt or partial goes in: it must exist within reach, in `workspaceId` when given. */
export async function collectionFor(access: LibraryAccess, ref: string, context: RequestContext, workspaceId?: string): Promise<CollectionDoc> {
  const collection = await access.find<CollectionDoc>('prompt_collections', ref, context);
  if (!collection) throw invalidField('collection_id', `collection ${ref} does not exist`);
  if (workspaceId && collection.workspaceId !== workspaceId) throw invalidField('collection_id', `collection ${ref} is not in workspace ${workspaceId}`);
  return collection;
}
