import { Controller, Inject, Injectable } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ReferenceSubjects, RefUsersQuery, type MissingProviderRefsReply, type RefUsersReply, type RequestContext } from '#libs/contracts';
import { RpcClient, RpcPayload, systemContext } from '#libs/messaging';
import type { PromptDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { invalidField } from './library.errors.js';

/**
 * Prompts and the keys service's virtual keys / providers: a prompt may only name one that exists
 * (asked of the keys service; if it cannot answer, the write fails with 503 rather than storing
 * an unchecked reference), and deleting one that a prompt names is refused by the keys service,
 * which asks here who uses it.
 */
@Injectable()
export class ProviderRefs {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async assertVirtualKeyExists(orgId: string, workspaceId: string, virtualKey: string, context: RequestContext): Promise<void> {
    const reply = await this.rpc.call<MissingProviderRefsReply>(
      ReferenceSubjects.missingProviderRefs,
      { orgId, workspaceId, virtualKeys: [virtualKey], providers: [] },
      systemContext(context),
    );
    if (reply.virtualKeys.length || reply.providers.length) throw invalidField('virtual_key', `virtual key ${virtualKey} does not exist in this workspace`);
  }

  /** Prompts whose published or newest version names one of `refs` (the key's slug and id). */
  async promptsUsing(query: RefUsersQuery): Promise<RefUsersReply> {
    // A prompt saved a moment ago through another principal counts.
    await this.projections.catchUp();
    const prompts = this.projections.collection<PromptDoc>('prompts');
    const [published, latest] = await Promise.all([
      prompts.find('byPublishedVirtualKey', { eq: { orgId: query.orgId, workspaceId: query.workspaceId, publishedVirtualKey: query.refs }, limit: 100 }),
      prompts.find('byLatestVirtualKey', { eq: { orgId: query.orgId, workspaceId: query.workspaceId, latestVirtualKey: query.refs }, limit: 100 }),
    ]);
    const byId = new Map([...published.docs, ...latest.docs].map((p) => [p._id, p]));
    return { users: [...byId.values()].map((p) => ({ type: 'prompt', id: p._id, name: p.name })) };
  }
}

@Controller()
export class ProviderRefsMessageController {
  constructor(private readonly refs: ProviderRefs) {}

  @MessagePattern(ReferenceSubjects.promptsUsingProvider)
  promptsUsingProvider(@RpcPayload() query: RefUsersQuery) {
    return this.refs.promptsUsing(query);
  }
}
