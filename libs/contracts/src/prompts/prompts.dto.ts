import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBoundedJson } from '../common/free-form.js';
import { SnakePaging } from '../common/paging.js';
import { IsStringOrObject, TEMPLATE_MAX_CHARS } from './prompt-fields.js';

/**
 * The fields of a prompt version other than its template. `null` counts as absent everywhere
 * (Terraform sends `"parameters": null` on a rename).
 */
export class PromptVersionFields {
  @IsOptional() @IsObject() @IsBoundedJson() parameters?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(200) model?: string;
  @IsOptional() @IsString() @MaxLength(200) virtual_key?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(128) @IsBoundedJson() functions?: unknown[];
  @IsOptional() @IsArray() @ArrayMaxSize(128) @IsBoundedJson() tools?: unknown[];
  @IsOptional() @IsStringOrObject() @IsBoundedJson() tool_choice?: string | Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(1000) version_description?: string;
  @IsOptional() @IsObject() @IsBoundedJson() template_metadata?: Record<string, unknown>;
  @IsOptional() @IsIn([0, 1, true, false]) is_raw_template?: 0 | 1 | boolean;
}

/** The wire names of the version fields: a PUT carrying any of them makes a new version. */
export const PROMPT_VERSION_FIELDS = [
  'string',
  'parameters',
  'model',
  'virtual_key',
  'functions',
  'tools',
  'tool_choice',
  'version_description',
  'template_metadata',
  'is_raw_template',
] as const;

export class CreatePromptBody extends PromptVersionFields {
  @IsString() @Length(1, 255) name!: string;
  @IsString() @Length(1, 128) collection_id!: string;
  /** The template: a JSON string of messages, or a raw (completion) template. */
  @IsString() @MaxLength(TEMPLATE_MAX_CHARS) string!: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsObject() @IsBoundedJson() prompt_metadata?: Record<string, unknown>;
}

export class ListPromptsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) collection_id?: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

/** A prompt, partial, collection or label named by id or slug. */
export class LibraryRefRequest {
  @IsString() @Length(1, 128) ref!: string;
}

export class VersionQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version?: number;
}

export class GetPromptRequest extends LibraryRefRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version?: number;
}

export class UpdatePromptBody extends PromptVersionFields {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  @IsOptional() @IsString() @Length(1, 128) collection_id?: string;
  @IsOptional() @IsString() @MaxLength(TEMPLATE_MAX_CHARS) string?: string;
  @IsOptional() @IsObject() @IsBoundedJson() prompt_metadata?: Record<string, unknown>;
  /** Omitted version fields are copied from the latest version (otherwise `string` is required). */
  @IsOptional() @IsBoolean() patch?: boolean;
}

export class UpdatePromptRequest extends LibraryRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdatePromptBody) body!: UpdatePromptBody;
}

export class PromptVersionRefRequest extends LibraryRefRequest {
  @IsString() @Length(1, 128) versionId!: string;
}

export class LabelVersionBody {
  /** A label's id; `null` takes the version's label off. */
  @IsOptional() @IsString() @Length(1, 128) label_id?: string | null;
}

export class LabelVersionRequest extends PromptVersionRefRequest {
  @IsObject() @ValidateNested() @Type(() => LabelVersionBody) body!: LabelVersionBody;
}

export class PublishBody {
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version!: number;
}

export class PublishRequest extends LibraryRefRequest {
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version!: number;
}

/**
 * POST /prompts/{id}/render: the variables and the hyperparameters that override the version's
 * (the SDK's `ModelParams`). Unknown fields are dropped.
 */
export class RenderPromptBody {
  @IsOptional() @IsObject() @IsBoundedJson() variables?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(200) model?: string;
  @IsOptional() @IsString() @MaxLength(TEMPLATE_MAX_CHARS) suffix?: string;
  @IsOptional() @IsInt() @Min(0) max_tokens?: number;
  @IsOptional() @IsInt() @Min(0) max_completion_tokens?: number;
  @IsOptional() @IsNumber() temperature?: number;
  @IsOptional() @IsNumber() top_k?: number;
  @IsOptional() @IsNumber() top_p?: number;
  @IsOptional() @IsInt() @Min(1) n?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(16) @IsBoundedJson() stop_sequences?: unknown[];
  @IsOptional() @IsNumber() timeout?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(128) @IsBoundedJson() functions?: unknown[];
  @IsOptional() @IsStringOrObject() @IsBoundedJson() function_call?: string | Record<string, unknown>;
  @IsOptional() @IsIn([true, false, 0, 1]) logprobs?: boolean | number;
  @IsOptional() @IsInt() @Min(0) top_logprobs?: number;
  @IsOptional() @IsBoolean() echo?: boolean;
  @IsOptional() @IsBoundedJson() stop?: string | string[];
  @IsOptional() @IsNumber() presence_penalty?: number;
  @IsOptional() @IsNumber() frequency_penalty?: number;
  @IsOptional() @IsInt() @Min(0) best_of?: number;
  @IsOptional() @IsObject() @IsBoundedJson() logit_bias?: Record<string, number>;
  @IsOptional() @IsString() @MaxLength(256) user?: string;
  @IsOptional() @IsString() @MaxLength(256) organization?: string;
  @IsOptional() @IsInt() seed?: number;
  @IsOptional() @IsObject() @IsBoundedJson() response_format?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(64) service_tier?: string;
  @IsOptional() @IsString() @MaxLength(64) reasoning_effort?: string;
  @IsOptional() @IsBoolean() parallel_tool_calls?: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(128) @IsBoundedJson() tools?: unknown[];
  @IsOptional() @IsStringOrObject() @IsBoundedJson() tool_choice?: string | Record<string, unknown>;
  @IsOptional() @IsBoolean() stream?: boolean;
}

export class RenderPromptRequest extends LibraryRefRequest {
  @IsObject() @ValidateNested() @Type(() => RenderPromptBody) body!: RenderPromptBody;
}
