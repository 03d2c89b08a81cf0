import { Injectable } from '@nestjs/common';
import type { GetPromptRequest, PromptVersionRefRequest, PromptView, RequestContext } from '#libs/contracts';
import { toPromptView } from '#libs/projections';
import { PromptLookup } from '../prompt-lookup.js';

/**
 * GET /prompts/{id|slug}: the published version, or `?version=N`; GET /prompts/{id}/versions/{versionId}.
 * A pinned version reads the same for as long as it exists.
 */
@Injectable()
export class GetPromptHandler {
  constructor(private readonly lookup: PromptLookup) {}

  async execute(request: GetPromptRequest, context: RequestContext): Promise<PromptView> {
    const prompt = await this.lookup.prompt(request.ref, context);
    return toPromptView(prompt, await this.lookup.version(prompt, request.version), request.version !== undefined);
  }

  async version(request: PromptVersionRefRequest, context: RequestContext): Promise<PromptView> {
    const prompt = await this.lookup.prompt(request.ref, context);
    return toPromptView(prompt, await this.lookup.versionByRef(prompt, request.versionId), true);
  }
}
