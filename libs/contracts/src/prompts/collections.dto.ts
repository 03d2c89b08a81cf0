import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { SnakePaging } from '../common/paging.js';
import { LibraryRefRequest } from './prompts.dto.js';

export class CreateCollectionBody {
  @IsString() @Length(1, 255) name!: string;
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @Length(1, 128) parent_collection_id?: string | null;
}

export class ListCollectionsQuery extends SnakePaging {
  @IsOptional() @IsString() @Length(1, 128) workspace_id?: string;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export class UpdateCollectionBody {
  @IsOptional() @IsString() @Length(1, 255) name?: string;
}

export class UpdateCollectionRequest extends LibraryRefRequest {
  @IsObject() @ValidateNested() @Type(() => UpdateCollectionBody) body!: UpdateCollectionBody;
}
