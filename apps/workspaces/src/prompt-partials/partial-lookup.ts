import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import type { PartialDoc, PartialVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { libraryNotFound } from '../prompt-library/library.errors.js';
import { LibraryAccess } from '../prompt-library/library-access.js';

/** A partial by id or slug within the caller's reach, and one of its versions. */
@Injectable()
export class PartialLookup {
  constructor(
    private readonly access: LibraryAccess,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async partial(ref: string, context: RequestContext): Promise<PartialDoc> {
    const doc = await this.access.find<PartialDoc>('prompt_partials', ref, context);
    if (!doc) throw libraryNotFound('prompt partial', ref);
    return doc;
  }

  /** Version `n`, or the published one. */
  async version(partial: PartialDoc, n?: number): Promise<PartialVersionDoc> {
    const versions = this.projections.collection<PartialVersionDoc>('prompt_partial_versions');
    const look = () => (n ? versions.first('byPartial', { partialId: partial._id, version: n }) : versions.get(partial.publishedVersionId));
    const doc = (await look()) ?? (await this.projections.catchUp().then(look));
    if (!doc) throw libraryNotFound('prompt partial version', `${partial.slug}@${n ?? partial.publishedVersion}`);
    return doc;
  }
}
