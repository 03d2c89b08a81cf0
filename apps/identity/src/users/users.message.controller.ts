import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CreateOrganisationRequest, IdentitySubjects, ListUsersQuery, OrgMemberRef, UpdateUserRoleRequest, UserRef, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { DeleteUserHandler } from './delete-user/delete-user.handler.js';
import { GetUserHandler } from './get-user/get-user.handler.js';
import { ListUsersHandler } from './list-users/list-users.handler.js';
import { UpdateUserRoleHandler } from './update-user-role/update-user-role.handler.js';
import { GetOrgMemberHandler } from './get-org-member/get-org-member.handler.js';
import { CreateOrganisationHandler } from '../organisations/create-organisation/create-organisation.handler.js';

@Controller()
export class UsersMessageController {
  constructor(
    private readonly listUsers: ListUsersHandler,
    private readonly getUser: GetUserHandler,
    private readonly updateRole: UpdateUserRoleHandler,
    private readonly deleteUser: DeleteUserHandler,
    private readonly getOrgMember: GetOrgMemberHandler,
    private readonly createOrganisation: CreateOrganisationHandler,
  ) {}

  @MessagePattern(IdentitySubjects.listUsers)
  list(@RpcPayload() query: ListUsersQuery, @RpcCaller() caller: RequestContext) {
    return this.listUsers.execute(query, caller);
  }

  @MessagePattern(IdentitySubjects.getUser)
  get(@RpcPayload() ref: UserRef, @RpcCaller() caller: RequestContext) {
    return this.getUser.execute(ref.userId, caller);
  }

  @MessagePattern(IdentitySubjects.updateUserRole)
  update(@RpcPayload() request: UpdateUserRoleRequest, @RpcCaller() caller: RequestContext) {
    return this.updateRole.execute(request, caller);
  }

  @MessagePattern(IdentitySubjects.deleteUser)
  remove(@RpcPayload() ref: UserRef, @RpcCaller() caller: RequestContext) {
    return this.deleteUser.execute(ref.userId, caller);
  }

  @MessagePattern(IdentitySubjects.getOrgMember)
  member(@RpcPayload() ref: OrgMemberRef, @RpcCaller() caller: RequestContext) {
    return this.getOrgMember.execute(ref, caller);
  }

  @MessagePattern(IdentitySubjects.createOrganisation)
  organisation(@RpcPayload() request: CreateOrganisationRequest, @RpcCaller() caller: RequestContext) {
    return this.createOrganisation.execute(request, caller);
  }
}
