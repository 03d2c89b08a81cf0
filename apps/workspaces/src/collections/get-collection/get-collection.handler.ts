import { Injectable } from '@nestjs/common';
import type { CollectionView, RequestContext } from '#libs/contracts';
import { collectionSummary, toCollectionView, type CollectionDoc } from '#libs/projections';
import { libraryNotFound } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { detailsOf } from '../collection-contents.js';

const MAX_CHILDREN = 1000;

/** GET /collections/{id|slug}: the collection, its counts and its child collections. */
@Injectable()
export class GetCollectionHandler {
  constructor(private readonly access: LibraryAccess) {}

  async execute(ref: string, context: RequestContext): Promise<CollectionView> {
    const doc = await this.access.find<CollectionDoc>('prompt_collections', ref, context);
    if (!doc) throw libraryNotFound('collection', ref);
    const projections = await this.access.settle(context);
    const children = await projections.collection<CollectionDoc>('prompt_collections').find('byParent', { eq: { parentCollectionId: doc._id }, limit: MAX_CHILDREN });
    return { ...toCollectionView(doc, await detailsOf(projections, doc._id)), child_collections: children.docs.map(collectionSummary) };
  }
}
