import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SnakePaging } from '../common/paging.js';
import { LibraryRefRequest } from './prompts.dto.js';

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export class CreateLabelBody {
  @IsString() @Length(1, 100) name!: string;
  /** Must be the caller's own organisation when given. */
  @IsOptional() @IsString() @Length(1, 128) organisation_id?: string;
  /** A workspace label; without it (admin keys) the label belongs to the organisation. */
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsString() @Matches(COLOR, { message: 'color_code must be a hex colour such as #1f77b4' }) color_code?: string;
}

export class ListLabelsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) organisation_id?: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export class UpdateLabelBody {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsString() @Matches(COLOR, { message: 'color_code must be a hex colour such as #1f77b4' }) color_code?: string;
}

export class UpdateLabelRequest extends LibraryRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateLabelBody) body!: UpdateLabelBody;
}
