import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CamelPaging } from '../common/paging.js';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class ListUsersQuery extends CamelPaging {
  @IsOptional() @IsIn(['owner', 'admin', 'member']) role?: 'owner' | 'admin' | 'member';
  @IsOptional() @IsString() @MaxLength(320) @Transform(lower) email?: string;
}

export class UserRef {
  @IsString() @Length(1, 128) userId!: string;
}

/** `role` is optional: `{}` is a valid no-op update (Portkey's spec marks nothing required). */
export class UpdateUserRoleBody {
  @IsOptional() @IsIn(['admin', 'member']) role?: 'admin' | 'member';
}

export class UpdateUserRoleRequest extends UserRef {
  @IsOptional() @IsIn(['admin', 'member']) role?: 'admin' | 'member';
}

export class InviteWorkspaceDto {
  /** Workspace id or slug. */
  @IsString() @Length(1, 128) id!: string;
  @IsIn(['admin', 'manager', 'member']) role!: 'admin' | 'manager' | 'member';
}

export class WorkspaceApiKeyDetailsDto {
  @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) scopes!: string[];
}

export class CreateInviteBody {
  @IsEmail() @MaxLength(320) @Transform(lower) email!: string;
  @IsIn(['admin', 'member']) role!: 'admin' | 'member';
  /** Optional: without workspaces the invite is to the organisation only. */
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => InviteWorkspaceDto) workspaces?: InviteWorkspaceDto[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkspaceApiKeyDetailsDto) workspace_api_key_details?: WorkspaceApiKeyDetailsDto;
}

export class ListInvitesQuery extends CamelPaging {
  @IsOptional() @IsIn(['admin', 'member']) role?: 'admin' | 'member';
  @IsOptional() @IsString() @MaxLength(320) @Transform(lower) email?: string;
  @IsOptional() @IsIn(['pending', 'cancelled', 'accepted', 'expired']) status?: 'pending' | 'cancelled' | 'accepted' | 'expired';
}

export class InviteRef {
  @IsString() @Length(1, 128) inviteId!: string;
}

export class AcceptInviteBody {
  @IsString() @Length(20, 200) @Matches(/^[A-Za-z0-9_-]+$/) token!: string;
  @IsString() @Length(1, 100) first_name!: string;
  @IsString() @Length(1, 100) last_name!: string;
}

export class OrgMemberRef {
  @IsString() orgId!: string;
  @IsString() userId!: string;
}

export class CreateOrganisationRequest {
  @IsString() @Length(1, 100) name!: string;
  @IsEmail() @MaxLength(320) @Transform(lower) owner_email!: string;
}
