import type { CollectionDoc, PartialDoc, PromptDoc } from '#libs/projections';
import type { ProjectionHost } from '#libs/read-models';
import type { CollectionContents } from './domain/collection.decider.js';

/** What a collection holds (collection_details, and the rule that only empty ones may go). */
export async function contentsOf(projections: ProjectionHost, collectionId: string): Promise<CollectionContents> {
  const [prompts, partials, childCollections] = await Promise.all([
    projections.collection<PromptDoc>('prompts').count('byCollection', { collectionId }),
    projections.collection<PartialDoc>('prompt_partials').count('byCollection', { collectionId }),
    projections.collection<CollectionDoc>('prompt_collections').count('byParent', { parentCollectionId: collectionId }),
  ]);
  return { prompts, partials, childCollections };
}

export async function detailsOf(projections: ProjectionHost, collectionId: string) {
  const c = await contentsOf(projections, collectionId);
  return { child_collections_count: c.childCollections, prompts_count: c.prompts, partials_count: c.partials };
}
