import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandResult, CreatedPrompt, CreatePromptBody, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { ProviderRefs } from '../../prompt-library/provider-refs.js';
import { reserveSlug } from '../../prompt-library/slugs.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { promptDecider } from '../domain/prompt.decider.js';
import { nextContent, versionFieldsOf } from '../domain/version-content.js';
import { collectionFor } from '../prompt-collection.js';

/**
 * POST /prompts: a prompt in a collection (whose workspace it joins), with version 1 published.
 * A virtual key it names must exist in that workspace.
 */
@Injectable()
export class CreatePromptHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: LibraryAccess,
    private readonly refs: ProviderRefs,
  ) {}

  async execute(body: CreatePromptBody, context: RequestContext): Promise<CommandResult<CreatedPrompt>> {
    const named = body.workspace_id ? await this.access.workspaceFor(context, body.workspace_id) : null;
    const collection = await collectionFor(this.access, body.collection_id, context, named?._id);
    const content = nextContent(versionFieldsOf(body), null, false);
    if (content.virtualKey) await this.refs.assertVirtualKeyExists(collection.orgId, collection.workspaceId, content.virtualKey, context);
    const promptId = randomUUID();
    const versionId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: collection.workspaceId, resourceId: promptId });
    const slug = await reserveSlug(this.store, LibraryStreams.promptSlug, { prefix: 'pp', label: 'prompt' }, body.name, collection.orgId, promptId, metadata, at);
    const prompt = {
      promptId,
      orgId: collection.orgId,
      workspaceId: collection.workspaceId,
      collectionId: collection._id,
      slug,
      name: body.name,
      promptMetadata: body.prompt_metadata ?? null,
      versionId,
      content,
      createdBy: context.principal?.userId ?? context.principal?.keyId ?? 'system',
    };
    const result = await handleCommand(this.store, LibraryStreams.prompt(promptId), promptDecider, { type: 'CreatePrompt', prompt, at }, { metadata });
    return { data: { object: 'prompt', id: promptId, slug, version_id: versionId }, position: result.position };
  }
}
