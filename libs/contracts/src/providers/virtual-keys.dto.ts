import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { SnakePaging } from '../common/paging.js';
import { AI_PROVIDER_ID, MAX_SECRET_LENGTH, IsStorableJson, SecretMappingDto } from './common.dto.js';
import { ProviderLimitFields, ProviderRefRequest } from './providers.dto.js';

/** One Azure deployment of a virtual key; the SDK leaves nested keys camelCase, others send snake. */
export class DeploymentConfigDto {
  @ValidateIf((o) => o.api_version === undefined) @IsString() @Length(1, 100) apiVersion?: string;
  @ValidateIf((o) => o.apiVersion === undefined) @IsString() @Length(1, 100) api_version?: string;
  @ValidateIf((o) => o.deployment_name === undefined) @IsString() @Length(1, 200) deploymentName?: string;
  @ValidateIf((o) => o.deploymentName === undefined) @IsString() @Length(1, 200) deployment_name?: string;
  @IsOptional() @IsString() @MaxLength(200) alias?: string;
  @IsOptional() @IsBoolean() is_default?: boolean;
}

/**
 * Legacy virtual-key fields (reference §2.6). The SDK turns top-level camelCase into snake_case
 * (`apiVersion` → `api_version`); raw callers send camelCase: both spellings are accepted.
 */
class VirtualKeyFields extends ProviderLimitFields {
  @IsOptional() @IsString() @MaxLength(MAX_SECRET_LENGTH) key?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) apiVersion?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) api_version?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) resourceName?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) resource_name?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) deploymentName?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) deployment_name?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DeploymentConfigDto) deploymentConfig?: DeploymentConfigDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DeploymentConfigDto) deployment_config?: DeploymentConfigDto[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2048) custom_host?: string | null;
  /** Further per-provider settings (`aws_region`, `vertex_project_id` …); secret ones are sealed. */
  @IsOptional() @IsObject() @IsStorableJson() configurations?: Record<string, unknown>;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SecretMappingDto) secret_mappings?: SecretMappingDto[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @IsStorableJson() model_config?: Record<string, unknown> | null;
}

export class CreateVirtualKeyBody extends VirtualKeyFields {
  @IsString() @Length(1, 100) name!: string;
  @IsString() @Matches(AI_PROVIDER_ID, { message: 'provider must be a provider id such as openai or azure-openai' }) provider!: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class UpdateVirtualKeyBody extends VirtualKeyFields {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  @IsOptional() @IsBoolean() reset_usage?: boolean;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class ListVirtualKeysQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class CreateVirtualKeyRequest extends CreateVirtualKeyBody {}

export class UpdateVirtualKeyRequest extends ProviderRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateVirtualKeyBody) changes!: UpdateVirtualKeyBody;
}
