import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import type { PromptDoc, PromptVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { libraryNotFound } from '../prompt-library/library.errors.js';
import { LibraryAccess } from '../prompt-library/library-access.js';

/** A prompt by id or slug within the caller's reach, and one of its versions. */
@Injectable()
export class PromptLookup {
  constructor(
    private readonly access: LibraryAccess,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async prompt(ref: string, context: RequestContext): Promise<PromptDoc> {
    const doc = await this.access.find<PromptDoc>('prompts', ref, context);
    if (!doc) throw libraryNotFound('prompt', ref);
    return doc;
  }

  /** Version `n`, or the published one. Versions are another read model: a miss catches up once. */
  async version(prompt: PromptDoc, n?: number): Promise<PromptVersionDoc> {
    const versions = this.projections.collection<PromptVersionDoc>('prompt_versions');
    const look = () => (n ? versions.first('byPrompt', { promptId: prompt._id, version: n }) : versions.get(prompt.publishedVersionId));
    const doc = (await look()) ?? (await this.projections.catchUp().then(look));
    if (!doc) throw libraryNotFound('prompt version', `${prompt.slug}@${n ?? prompt.publishedVersion}`);
    return doc;
  }

  /** A version by its id, or by its number. */
  async versionByRef(prompt: PromptDoc, ref: string): Promise<PromptVersionDoc> {
    if (/^\d{1,7}$/.test(ref)) return this.version(prompt, Number(ref));
    const versions = this.projections.collection<PromptVersionDoc>('prompt_versions');
    const doc = (await versions.get(ref)) ?? (await this.projections.catchUp().then(() => versions.get(ref)));
    if (!doc || doc.promptId !== prompt._id) throw libraryNotFound('prompt version', ref);
    return doc;
  }
}
