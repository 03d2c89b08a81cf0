import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requireOrg } from '#libs/authz';
import type { CommandResult, CreateLabelBody, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { outsideWorkspace } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { labelDecider } from '../domain/label.decider.js';

/**
 * POST /labels: a workspace label (named, or a workspace key's own workspace), or with an admin
 * key and no workspace an organisation label, usable in every workspace (`is_universal`).
 */
@Injectable()
export class CreateLabelHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: LibraryAccess,
  ) {}

  async execute(body: CreateLabelBody, context: RequestContext): Promise<CommandResult<{ id: string; object: 'label' }>> {
    const orgId = requireOrg(context);
    if (body.organisation_id && body.organisation_id !== orgId) throw outsideWorkspace(`organisation ${body.organisation_id} was not found or is not accessible`);
    const ws = body.workspace_id || context.principal?.workspaceId ? await this.access.workspaceFor(context, body.workspace_id) : null;
    const labelId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: ws?._id ?? null, resourceId: labelId });
    const label = {
      labelId,
      orgId,
      workspaceId: ws?._id ?? null,
      name: body.name,
      description: body.description ?? null,
      colorCode: body.color_code ?? null,
      createdBy: context.principal?.userId ?? context.principal?.keyId ?? 'system',
    };
    const result = await handleCommand(this.store, LibraryStreams.label(labelId), labelDecider, { type: 'CreateLabel', label, at }, { metadata });
    return { data: { id: labelId, object: 'label' }, position: result.position };
  }
}
