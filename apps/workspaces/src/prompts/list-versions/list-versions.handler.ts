import { Inject, Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE, type ListResponse, type PromptVersionListItem, type RequestContext } from '#libs/contracts';
import { toPromptVersionListItem, type PromptVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { PromptLookup } from '../prompt-lookup.js';

/** GET /prompts/{id}/versions: newest first, as `{data:[…]}` (what Terraform decodes). */
@Injectable()
export class ListVersionsHandler {
  constructor(
    private readonly lookup: PromptLookup,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<ListResponse<PromptVersionListItem>> {
    const prompt = await this.lookup.prompt(ref, context);
    const versions = this.projections.collection<PromptVersionDoc>('prompt_versions');
    const find = () => versions.find('byPrompt', { eq: { promptId: prompt._id }, limit: MAX_PAGE_SIZE, reverse: true });
    let page = await find();
    // The versions read model runs beside the prompts one: make sure it has the newest version too.
    if (!page.docs.some((v) => v._id === prompt.latestVersionId)) page = await this.projections.catchUp().then(find);
    return { object: 'list', total: page.total, data: page.docs.map((v) => toPromptVersionListItem(v, prompt.publishedVersion)) };
  }
}
