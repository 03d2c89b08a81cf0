import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  AcceptInviteBody,
  CreateInviteBody,
  IdentitySubjects,
  ListInvitesQuery,
  type AcceptedInvite,
  type CreatedInvite,
  type InviteView,
  type ListResponse,
  type RequestContext,
} from '#libs/contracts';
import { Audited, Authorize, Public } from '../auth/route-policy.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/admin/users/invites (reference §2.2). */
@Controller('v1/admin/users/invites')
export class InvitesHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Doc({ summary: 'Invite a user', response: 'CreatedInvite', description: 'Without workspaces the invite is to the organisation only.' })
  @Authorize('organisation_users.create')
  @Audited('invites', 'create')
  create(@Body() body: CreateInviteBody, @Caller() caller: RequestContext): Promise<CreatedInvite> {
    return this.edge.command(IdentitySubjects.createInvite, body, caller);
  }

  @Get()
  @Doc({ summary: 'List invites', response: 'InviteList' })
  @Authorize('organisation_users.list')
  list(@Query() query: ListInvitesQuery, @Caller() caller: RequestContext): Promise<ListResponse<InviteView>> {
    return this.edge.query(IdentitySubjects.listInvites, query, caller);
  }

  @Get(':inviteId')
  @Doc({ summary: 'Get an invite', response: 'Invite' })
  @Authorize('organisation_users.read')
  get(@Param('inviteId') inviteId: string, @Caller() caller: RequestContext): Promise<InviteView> {
    return this.edge.query(IdentitySubjects.getInvite, { inviteId }, caller);
  }

  @Delete(':inviteId')
  @Doc({ summary: 'Cancel an invite', response: 'Empty' })
  @Authorize('organisation_users.delete')
  @Audited('invites', 'delete', 'inviteId')
  cancel(@Param('inviteId') inviteId: string, @Caller() caller: RequestContext) {
    return this.edge.command(IdentitySubjects.cancelInvite, { inviteId }, caller);
  }

  @Post(':inviteId/resend')
  @Doc({ summary: 'Resend an invite', response: 'InviteResent' })
  @HttpCode(200)
  @Authorize('organisation_users.update')
  @Audited('invites', 'resend', 'inviteId')
  resend(@Param('inviteId') inviteId: string, @Caller() caller: RequestContext): Promise<{ inviteLink: string }> {
    return this.edge.command(IdentitySubjects.resendInvite, { inviteId }, caller);
  }
}

/** POST /v1/invites/accept (ours, no API key): the invitee joins with the link's token. */
@Controller('v1/invites')
export class AcceptInviteHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post('accept')
  @Doc({ summary: 'Accept an invite (ours)', response: 'AcceptedInvite', description: 'Joins with the token of the invite link; returns one workspace-user key per invited workspace.' })
  @HttpCode(200)
  @Public()
  @Audited('invites', 'accept')
  accept(@Body() body: AcceptInviteBody, @Caller() caller: RequestContext): Promise<AcceptedInvite> {
    return this.edge.command(IdentitySubjects.acceptInvite, body, caller);
  }
}
