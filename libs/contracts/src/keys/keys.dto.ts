import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsISO8601, IsIn, IsInt, IsObject, IsOptional, IsString, Length, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsMetadataMap } from '../common/free-form.js';
import { RateLimitDto, UsageLimitsDto } from '../common/limits.js';
import { SnakePaging } from '../common/paging.js';

export type ApiKeyType = 'organisation-service' | 'workspace-service' | 'workspace-user';
export const MIN_TRANSITION_MS = 30 * 60 * 1000;

/** `/api-keys/{type}/{sub-type}` → key type; the three valid pairs only. */
export function keyTypeFromPath(type: string, subType: string): ApiKeyType | undefined {
  if (type === 'organisation' && subType === 'service') return 'organisation-service';
  if (type === 'workspace' && subType === 'service') return 'workspace-service';
  if (type === 'workspace' && subType === 'user') return 'workspace-user';
  return undefined;
}

export class ApiKeyDefaultsDto {
  // Not IsOptional: that would let `null` through, and metadata is a map of strings.
  @ValidateIf((_, v) => v !== undefined) @IsMetadataMap() metadata?: Record<string, string>;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) config_id?: string | null;
  @IsOptional() @IsBoolean() allow_config_override?: boolean;
}

export class RotationPolicyDto {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['weekly', 'monthly']) rotation_period?: 'weekly' | 'monthly' | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601() next_rotation_at?: string | null;
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_TRANSITION_MS) key_transition_period_ms?: number;
}

/** Fields shared by create and update. */
class ApiKeyFields {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) description?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => RateLimitDto) rate_limits?: RateLimitDto[] | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => UsageLimitsDto) usage_limits?: UsageLimitsDto | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => ApiKeyDefaultsDto) defaults?: ApiKeyDefaultsDto | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) alert_emails?: string[] | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601({ strict: true }) expires_at?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => RotationPolicyDto) rotation_policy?: RotationPolicyDto | null;
}

export class CreateApiKeyBody extends ApiKeyFields {
  @IsString() @Length(1, 100) name!: string;
  @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) scopes!: string[];
  @IsOptional() @IsString() @MaxLength(128) workspace_id?: string;
  @IsOptional() @IsString() @MaxLength(128) user_id?: string;
  @IsOptional() @IsString() @MaxLength(128) organisation_id?: string;
}

export class CreateApiKeyRequest extends CreateApiKeyBody {
  @IsIn(['organisation-service', 'workspace-service', 'workspace-user']) type!: ApiKeyType;
}

export class UpdateApiKeyBody extends ApiKeyFields {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) scopes?: string[];
  @IsOptional() @IsBoolean() reset_usage?: boolean;
}

export class ApiKeyRef {
  @IsString() @Length(1, 128) id!: string;
}

export class UpdateApiKeyRequest extends ApiKeyRef {
  @IsObject() @ValidateNested() @Type(() => UpdateApiKeyBody) changes!: UpdateApiKeyBody;
}

export class ListApiKeysQuery extends SnakePaging {
  @IsOptional() @IsString() @MaxLength(128) workspace_id?: string;
}

export class RotateApiKeyBody {
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_TRANSITION_MS) key_transition_period_ms?: number;
}

export class RotateApiKeyRequest extends ApiKeyRef {
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_TRANSITION_MS) key_transition_period_ms?: number;
}

export class VerifyApiKeyRequest {
  @IsString() @Length(1, 512) key!: string;
}

export class RevokeForUserRequest {
  @IsString() orgId!: string;
  @IsString() userId!: string;
  /** Only the user's keys in this workspace (they left it); all of them when absent. */
  @IsOptional() @IsString() workspaceId?: string;
}

export class CreateForInviteRequest {
  @IsString() orgId!: string;
  @IsString() userId!: string;
  @IsString() inviteId!: string;
  @IsArray() @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => InviteKeyGrant) grants!: InviteKeyGrant[];
}

export class InviteKeyGrant {
  @IsString() workspaceId!: string;
  @IsArray() @IsString({ each: true }) scopes!: string[];
}

export class EnsureMasterKeyRequest {
  @IsString() orgId!: string;
  @IsString() ownerUserId!: string;
  /** Bootstrap prints the key and writes it to the data directory; other callers get it back. */
  @IsOptional() @IsBoolean() returnSecret?: boolean;
}
