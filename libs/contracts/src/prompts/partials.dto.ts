import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SnakePaging } from '../common/paging.js';
import { TEMPLATE_MAX_CHARS } from './prompt-fields.js';
import { LibraryRefRequest } from './prompts.dto.js';

export class CreatePartialBody {
  @IsString() @Length(1, 255) name!: string;
  @IsString() @MaxLength(TEMPLATE_MAX_CHARS) string!: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  /** Defaults to the workspace's default collection. */
  @IsOptional() @IsString() @Length(1, 128) collection_id?: string;
  @IsOptional() @IsString() @MaxLength(1000) version_description?: string;
}

export class ListPartialsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) collection_id?: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export class GetPartialRequest extends LibraryRefRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version?: number;
}

export class UpdatePartialBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
  /** A changed template makes a new version. */
  @IsOptional() @IsString() @MaxLength(TEMPLATE_MAX_CHARS) string?: string;
  @IsOptional() @IsString() @MaxLength(1000) version_description?: string;
  /** The SDK's name for the new version's description. */
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsIn(['active', 'archived']) status?: 'active' | 'archived';
}

export class UpdatePartialRequest extends LibraryRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdatePartialBody) body!: UpdatePartialBody;
}
