import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  AddMembersRequest,
  ListMembersRequest,
  MemberRefRequest,
  RemoveUserEverywhereRequest,
  UpdateMemberRequest,
  WorkspacesSubjects,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { AddMembersHandler } from './add-members/add-members.handler.js';
import { GetMemberHandler } from './get-member/get-member.handler.js';
import { ListMembersHandler } from './list-members/list-members.handler.js';
import { RemoveMemberHandler } from './remove-member/remove-member.handler.js';
import { UpdateMemberHandler } from './update-member/update-member.handler.js';

@Controller()
export class MembersMessageController {
  constructor(
    private readonly addMembers: AddMembersHandler,
    private readonly listMembers: ListMembersHandler,
    private readonly getMember: GetMemberHandler,
    private readonly updateMember: UpdateMemberHandler,
    private readonly removeMember: RemoveMemberHandler,
  ) {}

  @MessagePattern(WorkspacesSubjects.addMembers)
  add(@RpcPayload() request: AddMembersRequest, @RpcCaller() caller: RequestContext) {
    return this.addMembers.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.listMembers)
  list(@RpcPayload() request: ListMembersRequest, @RpcCaller() caller: RequestContext) {
    return this.listMembers.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.getMember)
  get(@RpcPayload() request: MemberRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getMember.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.updateMember)
  update(@RpcPayload() request: UpdateMemberRequest, @RpcCaller() caller: RequestContext) {
    return this.updateMember.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.removeMember)
  remove(@RpcPayload() request: MemberRefRequest, @RpcCaller() caller: RequestContext) {
    return this.removeMember.execute(request, caller);
  }

  @MessagePattern(WorkspacesSubjects.removeUserEverywhere)
  removeEverywhere(@RpcPayload() request: RemoveUserEverywhereRequest, @RpcCaller() caller: RequestContext) {
    return this.removeMember.everywhere(request, caller);
  }
}
