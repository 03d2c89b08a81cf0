import { Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import type { LabelDoc } from '#libs/projections';
import { libraryNotFound, outsideWorkspace } from '../prompt-library/library.errors.js';
import { LibraryAccess } from '../prompt-library/library-access.js';

/** A label by id within reach; organisation labels change only through admin keys. */
@Injectable()
export class LabelLookup {
  constructor(private readonly access: LibraryAccess) {}

  async label(ref: string, context: RequestContext): Promise<LabelDoc> {
    const doc = await this.access.find<LabelDoc>('prompt_labels', ref, context, { slugs: false });
    if (!doc) throw libraryNotFound('label', ref);
    return doc;
  }

  async changeable(ref: string, context: RequestContext): Promise<LabelDoc> {
    const doc = await this.label(ref, context);
    if (doc.workspaceId === null && !this.access.isAdminKey(context)) throw outsideWorkspace('organisation labels are changed with an admin API key');
    return doc;
  }
}
