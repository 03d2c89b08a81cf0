import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PercentThresholdUsageLimitsDto, RateLimitDto } from '../common/limits.js';
import { SnakePaging } from '../common/paging.js';
import { AI_PROVIDER_ID, MAX_SECRET_LENGTH, RESOURCE_SLUG, IsStorableJson, SecretMappingDto } from './common.dto.js';

export class CreateIntegrationBody {
  @IsString() @Length(1, 100) name!: string;
  @IsOptional() @IsString() @Matches(RESOURCE_SLUG, { message: 'slug must be 1 to 100 characters of [A-Za-z0-9_.-]' }) slug?: string;
  @IsString() @Matches(AI_PROVIDER_ID, { message: 'ai_provider_id must be a provider id such as openai or azure-openai' }) ai_provider_id!: string;
  @IsOptional() @IsString() @MaxLength(MAX_SECRET_LENGTH) key?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) description?: string | null;
  /** Makes the integration workspace-scoped (id or slug). */
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsObject() @IsStorableJson() configurations?: Record<string, unknown>;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SecretMappingDto) secret_mappings?: SecretMappingDto[];
}

export class UpdateIntegrationBody {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  /** A new key; null removes it. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(MAX_SECRET_LENGTH) key?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) description?: string | null;
  /** The whole new set; a secret field sent back as its masked form keeps its value. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @IsStorableJson() configurations?: Record<string, unknown> | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SecretMappingDto) secret_mappings?: SecretMappingDto[] | null;
}

export class ListIntegrationsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsIn(['workspace', 'organisation', 'all']) type?: 'workspace' | 'organisation' | 'all';
}

/** Integration id or slug. */
export class IntegrationRef {
  @IsString() @Length(1, 128) ref!: string;
}

export class CreateIntegrationRequest extends CreateIntegrationBody {}

export class UpdateIntegrationRequest extends IntegrationRef {
  @IsObject() @ValidateNested() @Type(() => UpdateIntegrationBody) changes!: UpdateIntegrationBody;
}

export class IntegrationModelDto {
  @IsString() @Length(1, 200) slug!: string;
  @IsBoolean() enabled!: boolean;
  @IsOptional() @IsBoolean() is_custom?: boolean;
  @IsOptional() @IsBoolean() is_finetune?: boolean;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) base_model_slug?: string | null;
  /** `{custom_host}` and the like. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @IsStorableJson({ depth: 8, bytes: 8 * 1024 }) configurations?: Record<string, unknown> | null;
  /** `{type: "static", pay_as_you_go: {request_token: {price}, response_token: {price}}}`. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @IsStorableJson({ depth: 8, bytes: 8 * 1024 }) pricing_config?: Record<string, unknown> | null;
}

export class UpdateIntegrationModelsBody {
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => IntegrationModelDto) models?: IntegrationModelDto[];
  @IsOptional() @IsBoolean() allow_all_models?: boolean;
}

export class UpdateIntegrationModelsRequest extends IntegrationRef {
  @IsObject() @ValidateNested() @Type(() => UpdateIntegrationModelsBody) changes!: UpdateIntegrationModelsBody;
}

/** `?slugs=a,b` (SDK) or a body `{models: [...]}` (Terraform). */
export class DeleteIntegrationModelsRequest extends IntegrationRef {
  @IsOptional() @IsString() @MaxLength(20_000) slugs?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(200, { each: true }) models?: string[];
}

export class WorkspaceLimitsDto {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PercentThresholdUsageLimitsDto) usage_limits?: PercentThresholdUsageLimitsDto[] | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => RateLimitDto) rate_limits?: RateLimitDto[] | null;
}

export class GlobalWorkspaceAccessDto extends WorkspaceLimitsDto {
  @IsBoolean() enabled!: boolean;
}

export class WorkspaceAccessDto extends WorkspaceLimitsDto {
  /** Workspace id or slug. */
  @IsString() @Length(1, 128) id!: string;
  @IsBoolean() enabled!: boolean;
  @IsOptional() @IsBoolean() reset_usage?: boolean;
  @IsOptional() @IsBoolean() create_default_provider?: boolean;
  @IsOptional() @IsString() @Matches(RESOURCE_SLUG, { message: 'default_provider_slug must be 1 to 100 characters of [A-Za-z0-9_.-]' }) default_provider_slug?: string;
}

export class UpdateIntegrationWorkspacesBody {
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => WorkspaceAccessDto) workspaces?: WorkspaceAccessDto[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => GlobalWorkspaceAccessDto) global_workspace_access?: GlobalWorkspaceAccessDto;
  @IsOptional() @IsBoolean() override_existing_workspace_access?: boolean;
  /** The SDK's spelling. */
  @IsOptional() @IsBoolean() override_existing_workspaces_access?: boolean;
  /** Default true: a workspace given access gets a provider over the integration. */
  @IsOptional() @IsBoolean() create_default_provider?: boolean;
  @IsOptional() @IsString() @Matches(RESOURCE_SLUG, { message: 'default_provider_slug must be 1 to 100 characters of [A-Za-z0-9_.-]' }) default_provider_slug?: string;
}

export class UpdateIntegrationWorkspacesRequest extends IntegrationRef {
  @IsObject() @ValidateNested() @Type(() => UpdateIntegrationWorkspacesBody) changes!: UpdateIntegrationWorkspacesBody;
}

/** DELETE /integrations/{slug}/models: the SDK names the models in the query … */
export class DeleteIntegrationModelsQuery {
  @IsOptional() @IsString() @MaxLength(20_000) slugs?: string;
}

/** … Terraform in the body. */
export class DeleteIntegrationModelsBody {
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(200, { each: true }) models?: string[];
}
