import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SnakePaging } from '../common/paging.js';

const LIST = 4_000;
const Num = () => applyDecorators(IsOptional(), Type(() => Number), IsNumber({ allowNaN: false, allowInfinity: false }));
const List = () => applyDecorators(IsOptional(), IsString(), MaxLength(LIST));

/**
 * The common query of every analytics route (reference §2.13). The edge checks types; the analytics
 * service parses lists, ranges and `metadata` and answers 400 naming the parameter.
 */
export class AnalyticsQuery extends SnakePaging {
  @IsISO8601({ strict: true }) time_of_generation_min!: string;
  @IsISO8601({ strict: true }) time_of_generation_max!: string;
  @IsOptional() @IsString() @MaxLength(128) workspace_slug?: string;
  @Num() total_units_min?: number;
  @Num() total_units_max?: number;
  @Num() cost_min?: number;
  @Num() cost_max?: number;
  @Num() prompt_token_min?: number;
  @Num() prompt_token_max?: number;
  @Num() completion_token_min?: number;
  @Num() completion_token_max?: number;
  @Num() weighted_feedback_min?: number;
  @Num() weighted_feedback_max?: number;
  @List() status_code?: string;
  @List() virtual_keys?: string;
  @List() configs?: string;
  @List() api_key_ids?: string;
  @List() ai_org_model?: string;
  @List() trace_id?: string;
  @List() span_id?: string;
  @List() prompt_slug?: string;
  @List() cache_status?: string;
  @IsOptional() @IsString() @MaxLength(LIST) metadata?: string;
  @IsOptional() @IsString() @MaxLength(64) order_by?: string;
  @IsOptional() @IsIn(['asc', 'desc', 'ASC', 'DESC']) order_by_type?: string;
  /** `groups/{groupBy}` only: comma list of columns. */
  @List() columns?: string;
  @IsOptional() @Type(() => String) @IsIn(['true', 'false']) include_total?: string;
}

/** The graph, group or summary a route answers (`graphs/requests`, `groups/metadata`, …). */
export const ANALYTICS_VIEW = /^(graphs|groups|summary)\/[A-Za-z0-9_.-]{1,64}$/;

/** What the gateway sends the analytics service. */
export class AnalyticsRequest {
  @IsString() @Matches(ANALYTICS_VIEW) view!: string;
  /** `groups/metadata/{key}`: the metadata key. */
  @IsOptional() @IsString() @MaxLength(256) key?: string;
  @IsObject() @ValidateNested() @Type(() => AnalyticsQuery) query!: AnalyticsQuery;
}
