import { Injectable } from '@nestjs/common';
import { ReferenceSubjects, type RefUser, type RefUsersReply, type RequestContext } from '#libs/contracts';
import { RpcClient, systemContext } from '#libs/messaging';

/**
 * Who outside the keys service refers to a provider or virtual key: configs (their targets) and
 * prompts (their versions), both answered by the workspaces service.
 */
@Injectable()
export class ReferenceUsers {
  constructor(private readonly rpc: RpcClient) {}

  async ofProvider(orgId: string, workspaceId: string, refs: string[], context: RequestContext): Promise<RefUser[]> {
    const request = { orgId, workspaceId, refs };
    const answers = await Promise.all([ReferenceSubjects.configsUsingProvider, ReferenceSubjects.promptsUsingProvider].map((s) => this.ask(s, request, context)));
    return answers.flat();
  }

  private async ask(subject: string, request: unknown, context: RequestContext): Promise<RefUser[]> {
    try {
      return (await this.rpc.call<RefUsersReply>(subject, request, systemContext(context))).users;
    } catch (error) {
      // Only "nobody serves this subject" means "no users": a deployment without configs or
      // prompts has nothing that could refer to a provider. A timeout or a failure refuses the
      // deletion (it propagates) rather than risk leaving a dangling reference.
      if ((error as { code?: string }).code === 'RPC.NO_RESPONDERS') return [];
      throw error;
    }
  }
}
