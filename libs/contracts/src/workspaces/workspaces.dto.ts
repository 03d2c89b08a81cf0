import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsBoundedJson, IsMetadataMap } from '../common/free-form.js';
import { RateLimitDto, UsageLimitsDto } from '../common/limits.js';
import { SnakePaging, SnakePagingZeroDefault } from '../common/paging.js';

export type WorkspaceRole = 'admin' | 'manager' | 'member';

export class WorkspaceDefaultsDto {
  // Not IsOptional: that would let `null` through, and metadata is a map of strings.
  @ValidateIf((_, v) => v !== undefined) @IsMetadataMap() metadata?: Record<string, string>;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsBoundedJson() input_guardrails?: unknown[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsBoundedJson() output_guardrails?: unknown[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) user_api_key_config?: string | null;
}

export class CreateWorkspaceBody {
  @IsString() @Length(1, 100) name!: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) description?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) icon?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => WorkspaceDefaultsDto) defaults?: WorkspaceDefaultsDto | null;
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) users?: string[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => UsageLimitsDto) usage_limits?: UsageLimitsDto[] | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => RateLimitDto) rate_limits?: RateLimitDto[] | null;
}

/** The RPC form: internal callers (bootstrap) may fix the id, organisation and default flag. */
export class CreateWorkspaceRequest extends CreateWorkspaceBody {
  @IsOptional() @IsString() @Length(1, 128) workspaceId?: string;
  @IsOptional() @IsString() @Length(1, 128) orgId?: string;
  @IsOptional() @IsBoolean() isDefault?: boolean;
}

export class ListWorkspacesQuery extends SnakePaging {
  @IsOptional() @IsString() @MaxLength(100) name?: string;
  @IsOptional() @IsString() @MaxLength(100) exact_name?: string;
  /** `active`, `archived` or a comma list of both. */
  @IsOptional() @IsString() @MaxLength(40) status?: string;
}

export class WorkspaceRefRequest {
  /** Workspace id or slug. */
  @IsString() @Length(1, 128) workspaceId!: string;
}

export class UpdateWorkspaceBody {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) description?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) icon?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => WorkspaceDefaultsDto) defaults?: WorkspaceDefaultsDto | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => UsageLimitsDto) usage_limits?: UsageLimitsDto[] | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => RateLimitDto) rate_limits?: RateLimitDto[] | null;
  /** Ours: archive or re-activate. */
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
}

export class UpdateWorkspaceRequest extends WorkspaceRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateWorkspaceBody) changes!: UpdateWorkspaceBody;
}

/** Both optional (Portkey's samples send no body); a given name must match the workspace's. */
export class DeleteWorkspaceBody {
  @IsOptional() @IsString() @MaxLength(100) name?: string;
  @IsOptional() @IsBoolean() force_delete?: boolean;
}

export class DeleteWorkspaceRequest extends WorkspaceRefRequest {
  @IsObject() @ValidateNested() @Type(() => DeleteWorkspaceBody) body!: DeleteWorkspaceBody;
}

export class MemberGrantDto {
  @IsString() @Length(1, 128) id!: string;
  @IsIn(['admin', 'manager', 'member']) role!: WorkspaceRole;
}

export class AddMembersBody {
  @IsArray() @ArrayMaxSize(500) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => MemberGrantDto) users!: MemberGrantDto[];
}

export class AddMembersRequest extends WorkspaceRefRequest {
  @IsArray() @ArrayMaxSize(500) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => MemberGrantDto) users!: MemberGrantDto[];
}

export class ListMembersQuery extends SnakePagingZeroDefault {
  @IsOptional() @IsIn(['admin', 'manager', 'member']) role?: WorkspaceRole;
  @IsOptional() @IsString() @MaxLength(320) email?: string;
}

export class ListMembersRequest extends WorkspaceRefRequest {
  @IsObject() @ValidateNested() @Type(() => ListMembersQuery) query!: ListMembersQuery;
}

export class MemberRefRequest extends WorkspaceRefRequest {
  @IsString() @Length(1, 128) userId!: string;
}

/** `role` is optional: `{}` is a valid no-op update. */
export class UpdateMemberBody {
  @IsOptional() @IsIn(['admin', 'manager', 'member']) role?: WorkspaceRole;
}

export class UpdateMemberRequest extends MemberRefRequest {
  @IsOptional() @IsIn(['admin', 'manager', 'member']) role?: WorkspaceRole;
}

export class RemoveUserEverywhereRequest {
  @IsString() orgId!: string;
  @IsString() userId!: string;
}

export class WorkspaceDependantsRequest {
  @IsString() orgId!: string;
  @IsString() workspaceId!: string;
}
