import { IsDefined, IsString, MaxLength } from 'class-validator';

export class GetLogRequest {
  @IsString()
  @MaxLength(200)
  id!: string;
}

/** POST /v1/logs: one external log or several (the SDK turns an array into `{"0":…,"1":…}`). */
export class InsertLogsRequest {
  @IsDefined()
  logs!: unknown;
}

/** GET /v1/logs/{id} (reference §2.11). */
export interface LogView {
  _id: string;
  id: string;
  request: { url: string; method: string; headers: Record<string, string>; body: unknown; portkeyHeaders: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: unknown; responseTime: number };
  organisation_id: string;
  workspace_id: string;
  created_at: string;
  metrics: Record<string, unknown>;
  feedback?: unknown[];
}

export interface InsertedLogsView {
  status: 'success';
  message: string;
  log_ids: string[];
}
