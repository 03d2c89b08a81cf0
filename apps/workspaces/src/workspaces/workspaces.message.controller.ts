import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  CreateWorkspaceRequest,
  DeleteWorkspaceRequest,
  ListWorkspacesQuery,
  UpdateWorkspaceRequest,
  WorkspaceRefRequest,
  WorkspacesSubjects,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateWorkspaceHandler } from './create-workspace/create-workspace.handler.js';
import { DeleteWorkspaceHandler } from './delete-workspace/delete-workspace.handler.js';
import { GetWorkspaceHandler } from './get-workspace/get-workspace.handler.js';
import { ListWorkspacesHandler } from './list-workspaces/list-workspaces.handler.js';
import { ResolveWorkspaceHandler } from './resolve-workspace/resolve-workspace.handler.js';
import { UpdateWorkspaceHandler } from './update-workspace/update-workspace.handler.js';

@Controller()
export class WorkspacesMessageController {
  constructor(
    private readonly createWorkspace: CreateWorkspaceHandler,
    private readonly listWorkspaces: ListWorkspacesHandler,
    private readonly getWorkspace: GetWorkspaceHandler,
    private readonly updateWorkspace: UpdateWorkspaceHandler,
    private readonly deleteWorkspace: DeleteWorkspaceHandler,
    private readonly resolveWorkspace: ResolveWorkspaceHandler,
  ) {}

  @MessagePattern(WorkspacesSubjects.create)
  create(@RpcPayload() request: CreateWorkspaceRequest, @RpcCaller() caller: RequestContext) {
    return this.createWorkspace.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.list)
  list(@RpcPayload() query: ListWorkspacesQuery, @RpcCaller() caller: RequestContext) {
    return this.listWorkspaces.execute(query, caller);
  }

  @MessagePattern(WorkspacesSubjects.get)
  get(@RpcPayload() ref: WorkspaceRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getWorkspace.execute(ref.workspaceId, caller);
  }

  @MessagePattern(WorkspacesSubjects.update)
  update(@RpcPayload() request: UpdateWorkspaceRequest, @RpcCaller() caller: RequestContext) {
    return this.updateWorkspace.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.delete)
  delete(@RpcPayload() request: DeleteWorkspaceRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteWorkspace.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.resolve)
  resolve(@RpcPayload() ref: WorkspaceRefRequest, @RpcCaller() caller: RequestContext) {
    return this.resolveWorkspace.execute(ref.workspaceId, caller);
  }
}
