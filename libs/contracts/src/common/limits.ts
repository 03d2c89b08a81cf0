import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

/** `UsageLimits` (reference §1 shared objects), stored and returned as given. */
export class UsageLimitsDto {
  @Type(() => Number) @IsInt() @Min(1) credit_limit!: number;
  @IsIn(['cost', 'tokens']) type!: 'cost' | 'tokens';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) alert_threshold?: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['monthly', 'weekly']) periodic_reset?: 'monthly' | 'weekly' | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Type(() => Number) @IsInt() @Min(1) @Max(365) periodic_reset_days?: number | null;
  @IsOptional() next_usage_reset_at?: string | null;
}

/** `RateLimit`; API keys also accept rps and rpw. */
export class RateLimitDto {
  @IsIn(['requests', 'tokens']) type!: 'requests' | 'tokens';
  @IsIn(['rpd', 'rph', 'rpm', 'rps', 'rpw']) unit!: string;
  @Type(() => Number) @IsInt() @Min(1) value!: number;
}
