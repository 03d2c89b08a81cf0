import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AcceptInviteBody, CreateInviteBody, IdentitySubjects, InviteRef, ListInvitesQuery, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { AcceptInviteHandler } from './accept-invite/accept-invite.handler.js';
import { CancelInviteHandler } from './cancel-invite/cancel-invite.handler.js';
import { CreateInviteHandler } from './create-invite/create-invite.handler.js';
import { GetInviteHandler } from './get-invite/get-invite.handler.js';
import { ListInvitesHandler } from './list-invites/list-invites.handler.js';
import { ResendInviteHandler } from './resend-invite/resend-invite.handler.js';

@Controller()
export class InvitesMessageController {
  constructor(
    private readonly createInvite: CreateInviteHandler,
    private readonly listInvites: ListInvitesHandler,
    private readonly getInvite: GetInviteHandler,
    private readonly cancelInvite: CancelInviteHandler,
    private readonly resendInvite: ResendInviteHandler,
    private readonly acceptInvite: AcceptInviteHandler,
  ) {}

  @MessagePattern(IdentitySubjects.createInvite)
  create(@RpcPayload() body: CreateInviteBody, @RpcCaller() caller: RequestContext) {
    return this.createInvite.execute(body, caller);
  }

  @MessagePattern(IdentitySubjects.listInvites)
  list(@RpcPayload() query: ListInvitesQuery, @RpcCaller() caller: RequestContext) {
    return this.listInvites.execute(query, caller);
  }

  @MessagePattern(IdentitySubjects.getInvite)
  get(@RpcPayload() ref: InviteRef, @RpcCaller() caller: RequestContext) {
    return this.getInvite.execute(ref.inviteId, caller);
  }

  @MessagePattern(IdentitySubjects.cancelInvite)
  cancel(@RpcPayload() ref: InviteRef, @RpcCaller() caller: RequestContext) {
    return this.cancelInvite.execute(ref.inviteId, caller);
  }

  @MessagePattern(IdentitySubjects.resendInvite)
  resend(@RpcPayload() ref: InviteRef, @RpcCaller() caller: RequestContext) {
    return this.resendInvite.execute(ref.inviteId, caller);
  }

  @MessagePattern(IdentitySubjects.acceptInvite)
  accept(@RpcPayload() body: AcceptInviteBody, @RpcCaller() caller: RequestContext) {
    return this.acceptInvite.execute(body, caller);
  }
}
