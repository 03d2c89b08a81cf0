import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateIf, ValidateNested } from 'class-validator';
import { SnakePaging } from '../common/paging.js';

/** Condition and group keys (reference §2.15). */
export const POLICY_KEY = /^(api_key|organisation_id|workspace_id|metadata\.[A-Za-z0-9_.-]{1,128})$/;
const KEY_MESSAGE = 'key must be one of api_key, organisation_id, workspace_id, metadata.<field>';

export class PolicyConditionDto {
  @IsString() @Matches(POLICY_KEY, { message: KEY_MESSAGE }) key!: string;
  @IsString() @Length(1, 512) value!: string;
}

export class PolicyGroupByDto {
  @IsString() @Matches(POLICY_KEY, { message: KEY_MESSAGE }) key!: string;
}

class PolicyBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PolicyConditionDto) conditions!: PolicyConditionDto[];
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PolicyGroupByDto) group_by!: PolicyGroupByDto[];
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @Length(1, 128) organisation_id?: string;
}

export class CreateUsageLimitsPolicyBody extends PolicyBody {
  @IsIn(['cost', 'tokens']) type!: 'cost' | 'tokens';
  @Type(() => Number) @IsNumber() @Min(1) credit_limit!: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Type(() => Number) @IsNumber() @Min(1) alert_threshold?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['monthly', 'weekly']) periodic_reset?: 'monthly' | 'weekly' | null;
}

export class CreateRateLimitsPolicyBody extends PolicyBody {
  @IsIn(['requests', 'tokens']) type!: 'requests' | 'tokens';
  @IsIn(['rpm', 'rph', 'rpd']) unit!: 'rpm' | 'rph' | 'rpd';
  @Type(() => Number) @IsNumber() @Min(1) value!: number;
}

export class UpdateUsageLimitsPolicyBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(1) credit_limit?: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Type(() => Number) @IsNumber() @Min(1) alert_threshold?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['monthly', 'weekly']) periodic_reset?: 'monthly' | 'weekly' | null;
  @IsOptional() @IsString() @Length(1, 512) reset_usage_for_value?: string;
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
}

export class UpdateRateLimitsPolicyBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  @IsOptional() @IsIn(['rpm', 'rph', 'rpd']) unit?: 'rpm' | 'rph' | 'rpd';
  @IsOptional() @Type(() => Number) @IsNumber() @Min(1) value?: number;
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
}

export class ListPoliciesQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
  @IsOptional() @IsString() @Length(1, 32) type?: string;
  @IsOptional() @IsIn(['rpm', 'rph', 'rpd']) unit?: string;
}

export class GetPolicyQuery {
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
  // "false" must stay false (a plain Boolean conversion would make it true).
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() include_usage?: boolean;
}

/** GET /policies/usage-limits/{id}/entities. */
export class ListPolicyEntitiesQuery extends SnakePaging {
  @IsOptional() @IsIn(['active', 'exhausted']) status?: 'active' | 'exhausted';
  @IsOptional() @IsString() @Length(1, 512) search?: string;
}

/** What the gateway sends the workspaces service: the kind comes from the route. */
export class PolicyRpcRequest {
  @IsIn(['usage', 'rate']) kind!: 'usage' | 'rate';
  @IsOptional() @IsString() @Length(1, 128) id?: string;
  /** The body (create, update) or query (list), validated at the edge by the kind's DTO. */
  @IsOptional() payload?: Record<string, unknown>;
}
