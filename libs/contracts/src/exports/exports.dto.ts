import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

export const EXPORT_FIELDS = [
  'id', 'trace_id', 'created_at', 'request', 'response', 'is_success', 'ai_org', 'ai_model', 'req_units', 'res_units', 'total_units',
  'request_url', 'cost', 'cost_currency', 'response_time', 'response_status_code', 'mode', 'config', 'prompt_slug', 'metadata',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

/** POST /v1/logs/exports. */
export class CreateLogExportBody {
  @IsDefined()
  @IsObject()
  filters!: Record<string, unknown>;

  @IsArray()
  @ArrayMaxSize(EXPORT_FIELDS.length)
  @IsIn(EXPORT_FIELDS, { each: true })
  requested_data!: ExportField[];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspace_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  description?: string;
}

/** PUT /v1/logs/exports/{id}. */
export class UpdateLogExportBody {
  @IsDefined()
  @IsObject()
  filters!: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EXPORT_FIELDS.length)
  @IsIn(EXPORT_FIELDS, { each: true })
  requested_data?: ExportField[];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspace_id?: string;
}

export class UpdateLogExportRequest {
  @IsString()
  @MaxLength(200)
  id!: string;

  @IsDefined()
  @IsObject() @ValidateNested()
  @Type(() => UpdateLogExportBody)
  changes!: UpdateLogExportBody;
}

export class LogExportRef {
  @IsString()
  @MaxLength(200)
  id!: string;
}

export class ListLogExportsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspace_id?: string;
}

export class LogExportChunkRequest {
  @IsString()
  @MaxLength(200)
  id!: string;

  @IsString()
  @MaxLength(40)
  expires!: string;

  @IsString()
  @MaxLength(200)
  signature!: string;

  @IsInt()
  @Min(0)
  offset!: number;
}

export type LogExportStatus = 'draft' | 'in_progress' | 'success' | 'failed' | 'stopped';

export interface LogExportView {
  object: 'export';
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  filters: Record<string, unknown>;
  requested_data: string[];
  status: LogExportStatus;
  description: string | null;
  created_by: string;
  created_at: string;
  last_updated_at: string;
  total: number;
  total_records: number;
  /** Records written so far (ours): progress of a running export. */
  records_done: number;
}

export interface LogExportChunkView {
  /** base64 */
  data: string;
  next: number | null;
}
