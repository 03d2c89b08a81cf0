import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { UsageLimitsDto } from '../common/limits.js';
import { SnakePaging } from '../common/paging.js';
import { IsStorableJson, RESOURCE_SLUG } from './common.dto.js';
import { IsRateLimits } from './rate-limits.js';

/** Fields a provider (and a virtual key) shares on create and update; limits are objects here. */
export class ProviderLimitFields {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) note?: string | null;
  /** An object here (a list is the workspace form). */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject({ message: 'usage_limits must be an object {credit_limit, type, …}' }) @IsObject() @ValidateNested() @Type(() => UsageLimitsDto) usage_limits?: UsageLimitsDto | null;
  /** An object `{type, unit, value}` (or a list of them). */
  @IsOptional() @IsRateLimits() rate_limits?: unknown;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601({ strict: true }) expires_at?: string | null;
}

export class CreateProviderBody extends ProviderLimitFields {
  @IsString() @Length(1, 100) name!: string;
  /** The integration's slug (or id). */
  @IsString() @Length(1, 128) integration_id!: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @Matches(RESOURCE_SLUG, { message: 'slug must be 1 to 100 characters of [A-Za-z0-9_.-]' }) slug?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @IsStorableJson() model_config?: Record<string, unknown> | null;
}

export class UpdateProviderBody extends ProviderLimitFields {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  @IsOptional() @IsBoolean() reset_usage?: boolean;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @IsStorableJson() model_config?: Record<string, unknown> | null;
  /** Terraform repeats the workspace in the body. */
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class ListProvidersQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class ProviderWorkspaceQuery {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

/** A provider (or virtual key) by id or slug, in the named workspace or the caller's. */
export class ProviderRefRequest {
  @IsString() @Length(1, 128) ref!: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class CreateProviderRequest extends CreateProviderBody {}

export class UpdateProviderRequest extends ProviderRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateProviderBody) changes!: UpdateProviderBody;
}

/** Internal (the completions path): a provider's decrypted credentials. System callers only. */
export class ResolveProviderCredentialsRequest {
  @IsString() @Length(1, 128) orgId!: string;
  @IsString() @Length(1, 128) workspaceId!: string;
  /** Provider or virtual-key id or slug (a leading `@` is ignored). */
  @IsString() @Length(1, 129) ref!: string;
}
