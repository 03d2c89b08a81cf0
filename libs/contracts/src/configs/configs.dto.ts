import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsBoundedJson } from '../common/free-form.js';
import { MAX_PAGE_SIZE, SnakePaging } from '../common/paging.js';
import type { RefUsersRequest } from '../references/references.subjects.js';

/** `is_default` / `isDefault`: Portkey's 0/1 flag; booleans are taken too. */
export const DEFAULT_FLAGS = [0, 1, true, false] as const;
export type DefaultFlag = (typeof DEFAULT_FLAGS)[number];

export const isDefaultFlagSet = (body: { is_default?: DefaultFlag; isDefault?: DefaultFlag }): boolean | undefined => {
  const flag = body.is_default ?? body.isDefault;
  return flag === undefined ? undefined : flag === 1 || flag === true;
};

/** The SDK sends `is_default` (it snake-cases top-level keys), Terraform `isDefault`. */
export class CreateConfigBody {
  @IsString() @Length(1, 255) name!: string;
  // The schema itself (strategy, targets …) is checked by `configProblem`, naming the field.
  @IsObject() @IsBoundedJson() config!: Record<string, unknown>;
  @IsOptional() @IsIn(DEFAULT_FLAGS) is_default?: DefaultFlag;
  @IsOptional() @IsIn(DEFAULT_FLAGS) isDefault?: DefaultFlag;
  /** Required with an admin key; a workspace key's own workspace otherwise. */
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class UpdateConfigBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  @IsOptional() @IsObject() @IsBoundedJson() config?: Record<string, unknown>;
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
  /** Ours: make this config the workspace's default (1) or stop it being the default (0). */
  @IsOptional() @IsIn(DEFAULT_FLAGS) is_default?: DefaultFlag;
  @IsOptional() @IsIn(DEFAULT_FLAGS) isDefault?: DefaultFlag;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

/** Neither the SDK nor Terraform pages configs, so the default page is the largest. */
export const CONFIGS_DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;

export class ListConfigsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class GetConfigQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version?: number;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

/** A config named by uuid or slug, and the workspace the caller names, if any. */
export class ConfigRefRequest {
  @IsString() @Length(1, 128) ref!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export class UpdateConfigRequest extends ConfigRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateConfigBody) changes!: UpdateConfigBody;
}

export class ListConfigVersionsRequest extends ConfigRefRequest {
  @IsObject() @ValidateNested() @Type(() => SnakePaging) query!: SnakePaging;
}


/** Internal (completions path): a config of exactly this workspace, by slug or id. */
export class ResolveConfigForCompletionRequest {
  @IsString() @Length(1, 128) orgId!: string;
  @IsString() @Length(1, 128) workspaceId!: string;
  @IsString() @Length(1, 256) ref!: string;
}

export interface ResolvedCompletionConfig {
  id: string;
  slug: string;
  workspaceId: string;
  /** The live version's JSON text. */
  config: string;
}
