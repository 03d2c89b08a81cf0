import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageSize } from '../common/paging.js';
import { ns } from '../common/namespace.js';

export const AuditSubjects = {
  list: ns('audit.logs.list'),
} as const;

/** `GET /v1/audit-logs` (reference §2.14). */
export class ListAuditLogsQuery {
  @IsISO8601() start_time!: string;
  @IsISO8601() end_time!: string;
  /** Required by Portkey's spec; here the organisation comes from the key, and a different one is refused. */
  @IsOptional() @IsString() @MaxLength(128) organisation_id?: string;
  @IsOptional() @IsIn(['POST', 'PUT', 'DELETE', 'PATCH', 'GET']) method?: string;
  @IsOptional() @IsString() @MaxLength(500) uri?: string;
  @IsOptional() @IsString() @MaxLength(128) request_id?: string;
  @IsOptional() @IsString() @MaxLength(128) user_id?: string;
  @IsOptional() @IsIn(['user', 'api_key']) user_type?: 'user' | 'api_key';
  @IsOptional() @IsString() @MaxLength(128) workspace_id?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(599) response_status_code?: number;
  @IsOptional() @IsString() @MaxLength(100) resource_type?: string;
  @IsOptional() @IsString() @MaxLength(50) action?: string;
  @IsOptional() @IsString() @MaxLength(64) client_ip?: string;
  @IsOptional() @IsString() @MaxLength(64) country?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) current_page?: number;
  /** ≤ 100; 0 (allowed by the spec) means the default, 20. */
  @PageSize({ allowZero: true, max: 100 }) page_size?: number;
  /**
   * Ours: denied reads (401/403 on GET) are recorded but, outside Portkey's POST|PUT|DELETE, left
   * out of this list unless `include_denied_reads=true` (or `method=GET`) asks for them.
   */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() include_denied_reads?: boolean;
}
