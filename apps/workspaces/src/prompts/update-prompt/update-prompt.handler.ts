import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandResult, RequestContext, UpdatedPrompt, UpdatePromptRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { ProviderRefs } from '../../prompt-library/provider-refs.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { promptDecider } from '../domain/prompt.decider.js';
import { hasVersionFields, versionFieldsOf } from '../domain/version-content.js';
import { collectionFor } from '../prompt-collection.js';
import { PromptLookup } from '../prompt-lookup.js';

/**
 * PUT /prompts/{id}: renames or moves the prompt, and when version fields come along appends a new
 * (unpublished) version. Concurrent updates each decide again on the newest state, so both land
 * as versions; none is lost.
 */
@Injectable()
export class UpdatePromptHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PromptLookup,
    private readonly access: LibraryAccess,
    private readonly refs: ProviderRefs,
  ) {}

  async execute(request: UpdatePromptRequest, context: RequestContext): Promise<CommandResult<UpdatedPrompt>> {
    const prompt = await this.lookup.prompt(request.ref, context);
    const body = request.body;
    const collectionId = body.collection_id ? (await collectionFor(this.access, body.collection_id, context, prompt.workspaceId))._id : undefined;
    const fields = hasVersionFields(body as Record<string, unknown>) ? versionFieldsOf(body) : null;
    if (fields?.virtualKey) await this.refs.assertVirtualKeyExists(prompt.orgId, prompt.workspaceId, fields.virtualKey, context);
    const { metadata, at } = commandMeta(context, { workspaceId: prompt.workspaceId, resourceId: prompt._id });
    const command = {
      type: 'UpdatePrompt' as const,
      promptId: prompt._id,
      changes: { name: body.name, collectionId, promptMetadata: body.prompt_metadata ?? undefined },
      version: fields && { fields, patch: body.patch === true, versionId: randomUUID() },
      at,
    };
    const result = await handleCommand(this.store, LibraryStreams.prompt(prompt._id), promptDecider, command, { metadata, maxRetries: 20 });
    const latest = result.state.versions.at(-1)!;
    return { data: { id: prompt._id, slug: prompt.slug, prompt_version_id: latest.versionId, prompt_version: latest.version }, position: result.position };
  }
}
