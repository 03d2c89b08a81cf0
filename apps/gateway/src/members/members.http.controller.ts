import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  AddMembersBody,
  ListMembersQuery,
  UpdateMemberBody,
  WorkspacesSubjects,
  type ListResponse,
  type MemberView,
  type RequestContext,
} from '#libs/contracts';
import { Audited, Authorize } from '../auth/route-policy.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/admin/workspaces/{id}/users (reference §2.4): admin or workspace keys. */
@Controller('v1/admin/workspaces/:workspaceId/users')
export class MembersHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Add workspace members', response: 'Empty' })
  @HttpCode(200)
  @Authorize('workspace_users.create', 'param:workspaceId')
  @Audited('workspace_users', 'create', 'workspaceId')
  add(@Param('workspaceId') workspaceId: string, @Body() body: AddMembersBody, @Caller() caller: RequestContext) {
    return this.edge.command(WorkspacesSubjects.addMembers, { workspaceId, users: body.users }, caller);
  }

  @Get()
  @Doc({ summary: 'List workspace members', response: 'MemberList' })
  @Authorize('workspace_users.list', 'param:workspaceId')
  list(@Param('workspaceId') workspaceId: string, @Query() query: ListMembersQuery, @Caller() caller: RequestContext): Promise<ListResponse<MemberView>> {
    return this.edge.query(WorkspacesSubjects.listMembers, { workspaceId, query }, caller);
  }

  @Get(':userId')
  @Doc({ summary: 'Get a workspace member', response: 'Member' })
  @Authorize('workspace_users.read', 'param:workspaceId')
  get(@Param('workspaceId') workspaceId: string, @Param('userId') userId: string, @Caller() caller: RequestContext): Promise<MemberView> {
    return this.edge.query(WorkspacesSubjects.getMember, { workspaceId, userId }, caller);
  }

  @Put(':userId')
  @Doc({ summary: "Change a member's role", response: 'Empty', description: '`{}` is a no-op.' })
  @Authorize('workspace_users.update', 'param:workspaceId')
  @Audited('workspace_users', 'update', 'userId')
  update(@Param('workspaceId') workspaceId: string, @Param('userId') userId: string, @Body() body: UpdateMemberBody, @Caller() caller: RequestContext) {
    return this.edge.command(WorkspacesSubjects.updateMember, { workspaceId, userId, role: body.role }, caller);
  }

  @Delete(':userId')
  @Doc({ summary: 'Remove a workspace member', response: 'Empty' })
  @Authorize('workspace_users.delete', 'param:workspaceId')
  @Audited('workspace_users', 'delete', 'userId')
  remove(@Param('workspaceId') workspaceId: string, @Param('userId') userId: string, @Caller() caller: RequestContext) {
    return this.edge.command(WorkspacesSubjects.removeMember, { workspaceId, userId }, caller);
  }
}
