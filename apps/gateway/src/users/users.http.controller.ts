import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { IdentitySubjects, ListUsersQuery, UpdateUserRoleBody, type ListResponse, type RequestContext, type UserView } from '#libs/contracts';
import { Audited, Authorize } from '../auth/route-policy.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/admin/users (reference §2.1): admin keys only; camelCase paging. */
@Controller('v1/admin/users')
export class UsersHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Get()
  @Doc({ summary: 'List users', response: 'UserList' })
  @Authorize('organisation_users.list')
  list(@Query() query: ListUsersQuery, @Caller() caller: RequestContext): Promise<ListResponse<UserView>> {
    return this.edge.query(IdentitySubjects.listUsers, query, caller);
  }

  @Get(':userId')
  @Doc({ summary: 'Get a user', response: 'User' })
  @Authorize('organisation_users.read')
  get(@Param('userId') userId: string, @Caller() caller: RequestContext): Promise<UserView> {
    return this.edge.query(IdentitySubjects.getUser, { userId }, caller);
  }

  @Put(':userId')
  @Doc({ summary: "Change a user's organisation role", response: 'Empty', description: '`{}` is a no-op.' })
  @Authorize('organisation_users.update')
  @Audited('users', 'update', 'userId')
  update(@Param('userId') userId: string, @Body() body: UpdateUserRoleBody, @Caller() caller: RequestContext) {
    return this.edge.command(IdentitySubjects.updateUserRole, { userId, role: body.role }, caller);
  }

  @Delete(':userId')
  @Doc({ summary: 'Remove a user from the organisation', response: 'Empty' })
  @Authorize('organisation_users.delete')
  @Audited('users', 'delete', 'userId')
  remove(@Param('userId') userId: string, @Caller() caller: RequestContext) {
    return this.edge.command(IdentitySubjects.deleteUser, { userId }, caller);
  }
}
