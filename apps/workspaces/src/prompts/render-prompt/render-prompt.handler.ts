import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type RenderedPrompt, type RenderPromptRequest, type RequestContext } from '#libs/contracts';
import type { PartialDoc, PartialVersionDoc, PromptDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { PromptLookup } from '../prompt-lookup.js';
import { parseTemplate, partialNames, RENDER_LIMITS, TemplateError, type Node } from './mustache.js';
import { parsePrompt, promptPartials, renderPrompt } from './prompt-template.js';

const MAX_PARTIALS = 64;

/**
 * POST /prompts/{id}/render: the published version with `{{variables}}` and `{{>partials}}`
 * (their published versions, from the prompt's workspace) substituted, merged with the version's
 * parameters and the request's hyperparameters: the body a completion would send.
 */
@Injectable()
export class RenderPromptHandler {
  constructor(
    private readonly lookup: PromptLookup,
    private readonly access: LibraryAccess,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(request: RenderPromptRequest, context: RequestContext): Promise<RenderedPrompt> {
    const prompt = await this.lookup.prompt(request.ref, context);
    const version = await this.lookup.version(prompt);
    const { variables = {}, ...hyperparameters } = request.body;
    try {
      const parsed = parsePrompt(version.content.string);
      const partials = await this.partialsFor(prompt, promptPartials(parsed), context);
      const rendered = renderPrompt(parsed, variables, partials);
      const c = version.content;
      const data = {
        ...c.parameters,
        ...(c.model ? { model: c.model } : {}),
        ...(c.functions ? { functions: c.functions } : {}),
        ...(c.tools ? { tools: c.tools } : {}),
        ...(c.toolChoice !== null && c.toolChoice !== undefined ? { tool_choice: c.toolChoice } : {}),
        ...hyperparameters,
        ...rendered,
      };
      return { success: true, data };
    } catch (error) {
      if (error instanceof TemplateError) throw new DomainError('PROMPTS.TEMPLATE', error.message, 400, { fields: { [error.field]: [error.message] } });
      throw error;
    }
  }

  /** The partials a template needs, and those they need in turn, breadth first and bounded. */
  private async partialsFor(prompt: PromptDoc, names: Set<string>, context: RequestContext): Promise<Map<string, Node[]>> {
    const loaded = new Map<string, Node[]>();
    let wanted = [...names];
    for (let depth = 0; wanted.length && depth <= RENDER_LIMITS.partialDepth; depth++) {
      const next: string[] = [];
      for (const name of wanted) {
        if (loaded.has(name)) continue;
        if (loaded.size >= MAX_PARTIALS) throw new TemplateError('template', `template: uses more than ${MAX_PARTIALS} partials`);
        const source = await this.publishedPartial(prompt, name, context);
        // A missing partial only matters where rendering reaches it (not inside a false section).
        if (source === null) continue;
        const nodes = parseTemplate(source, `partial ${name}`);
        loaded.set(name, nodes);
        next.push(...partialNames(nodes));
      }
      wanted = next;
    }
    return loaded;
  }

  private async publishedPartial(prompt: PromptDoc, ref: string, context: RequestContext): Promise<string | null> {
    const partial = await this.access.find<PartialDoc>('prompt_partials', ref, context);
    if (!partial || partial.workspaceId !== prompt.workspaceId) return null;
    const versions = this.projections.collection<PartialVersionDoc>('prompt_partial_versions');
    const version = (await versions.get(partial.publishedVersionId)) ?? (await this.projections.catchUp().then(() => versions.get(partial.publishedVersionId)));
    return version?.content.string ?? null;
  }
}
