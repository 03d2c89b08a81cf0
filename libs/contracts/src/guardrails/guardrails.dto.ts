import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsBoundedJson } from '../common/free-form.js';
import { SnakePaging } from '../common/paging.js';
import { GUARDRAIL_CHECK_IDS } from './guardrail-checks.js';

export class GuardrailCheckDto {
  @IsString()
  @IsIn(GUARDRAIL_CHECK_IDS, { message: 'id must be a known guardrail check id (e.g. default.regexMatch, portkey.pii)' })
  id!: string;
  @IsOptional() @IsObject() @IsBoundedJson() parameters?: Record<string, unknown>;
  @IsOptional() @IsBoolean() is_enabled?: boolean;
  @IsOptional() @IsString() @MaxLength(255) name?: string;
}

export class CreateGuardrailBody {
  @IsString() @Length(1, 255) name!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => GuardrailCheckDto) checks!: GuardrailCheckDto[];
  // Known action fields are checked by `guardrailActionsProblem`; the rest is kept as sent.
  @IsObject() @IsBoundedJson() actions!: Record<string, unknown>;
  /** A workspace guardrail (admin keys name the workspace; workspace keys use their own) … */
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  /** … or, with an admin key and no workspace, an organisation-level one. */
  @IsOptional() @IsString() @Length(1, 128) organisation_id?: string;
}

export class UpdateGuardrailBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => GuardrailCheckDto) checks?: GuardrailCheckDto[];
  @IsOptional() @IsObject() @IsBoundedJson() actions?: Record<string, unknown>;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
}

export const GUARDRAILS_DEFAULT_PAGE_SIZE = 100;

export class ListGuardrailsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @Length(1, 128) organisation_id?: string;
}

export class GetGuardrailQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version?: number;
}

export class GuardrailRefRequest {
  @IsString() @Length(1, 128) ref!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
}

export class UpdateGuardrailRequest extends GuardrailRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateGuardrailBody) changes!: UpdateGuardrailBody;
}

export class ListGuardrailVersionsRequest extends GuardrailRefRequest {
  @IsObject() @ValidateNested() @Type(() => SnakePaging) query!: SnakePaging;
}
