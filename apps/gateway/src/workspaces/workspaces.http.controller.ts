import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateWorkspaceBody,
  DeleteWorkspaceBody,
  ListWorkspacesQuery,
  UpdateWorkspaceBody,
  WorkspacesSubjects,
  type ListResponse,
  type RequestContext,
  type WorkspaceView,
} from '#libs/contracts';
import { Audited, Authorize } from '../auth/route-policy.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/admin/workspaces (reference §2.3). Paths accept an id or a slug. */
@Controller('v1/admin/workspaces')
export class WorkspacesHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a workspace', response: 'Workspace' })
  @HttpCode(200)
  @Authorize('workspaces.create')
  @Audited('workspaces', 'create')
  create(@Body() body: CreateWorkspaceBody, @Caller() caller: RequestContext): Promise<WorkspaceView> {
    return this.edge.command(WorkspacesSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List workspaces', response: 'WorkspaceList' })
  @Authorize('workspaces.list')
  list(@Query() query: ListWorkspacesQuery, @Caller() caller: RequestContext): Promise<ListResponse<WorkspaceView>> {
    return this.edge.query(WorkspacesSubjects.list, query, caller);
  }

  @Get(':workspaceId')
  @Doc({ summary: 'Get a workspace (with its members)', response: 'Workspace' })
  @Authorize('workspaces.read', 'param:workspaceId')
  get(@Param('workspaceId') workspaceId: string, @Caller() caller: RequestContext): Promise<WorkspaceView> {
    return this.edge.query(WorkspacesSubjects.get, { workspaceId }, caller);
  }

  @Put(':workspaceId')
  @Doc({ summary: 'Update a workspace', response: 'Empty' })
  @Authorize('workspaces.update', 'param:workspaceId')
  @Audited('workspaces', 'update', 'workspaceId')
  update(@Param('workspaceId') workspaceId: string, @Body() changes: UpdateWorkspaceBody, @Caller() caller: RequestContext) {
    return this.edge.command(WorkspacesSubjects.update, { workspaceId, changes }, caller);
  }

  @Delete(':workspaceId')
  @Doc({ summary: 'Delete a workspace', response: 'Empty', description: 'The body is optional; a given name must match. force_delete removes dependants first.' })
  @Authorize('workspaces.delete', 'param:workspaceId')
  @Audited('workspaces', 'delete', 'workspaceId')
  remove(@Param('workspaceId') workspaceId: string, @Body() body: DeleteWorkspaceBody, @Caller() caller: RequestContext) {
    return this.edge.command(WorkspacesSubjects.delete, { workspaceId, body: body ?? {} }, caller);
  }
}
