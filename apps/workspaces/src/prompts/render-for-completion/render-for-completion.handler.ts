import { Injectable } from '@nestjs/common';
import type { RenderedForCompletion, RenderPromptRequest, RequestContext } from '#libs/contracts';
import { PromptLookup } from '../prompt-lookup.js';
import { RenderPromptHandler } from '../render-prompt/render-prompt.handler.js';

/**
 * `POST /prompts/{id}/completions` renders here: the same rendering as `/render` (within the
 * caller's workspace), plus what the completion needs to route and log the call.
 */
@Injectable()
export class RenderForCompletionHandler {
  constructor(
    private readonly lookup: PromptLookup,
    private readonly render: RenderPromptHandler,
  ) {}

  async execute(request: RenderPromptRequest, context: RequestContext): Promise<RenderedForCompletion> {
    const rendered = await this.render.execute(request, context);
    const prompt = await this.lookup.prompt(request.ref, context);
    const version = await this.lookup.version(prompt);
    return { data: rendered.data, promptSlug: prompt.slug, promptVersionId: version._id, virtualKey: version.content.virtualKey ?? null };
  }
}
