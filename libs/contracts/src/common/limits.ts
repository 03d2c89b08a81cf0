import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min, registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';

/**
 * `UsageLimits` (reference §1 shared objects), stored as given. `type` is optional, as in
 * Portkey's spec and provider: absent means `cost` (see `usageLimitType`). It is not echoed
 * back when absent, since the Terraform provider requires the response to match its plan.
 */
class UsageLimitsFields {
  @Type(() => Number) @IsInt() @Min(1) credit_limit!: number;
  @IsOptional() @IsIn(['cost', 'tokens']) type?: 'cost' | 'tokens';
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['monthly', 'weekly']) periodic_reset?: 'monthly' | 'weekly' | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Type(() => Number) @IsInt() @Min(1) @Max(365) @ExclusiveWith('periodic_reset') periodic_reset_days?: number | null;
  /** An override of the first reset; afterwards the server derives it. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601() next_usage_reset_at?: string | null;
}

/** On keys, workspaces and providers the alert threshold is an amount, below the limit. */
export class UsageLimitsDto extends UsageLimitsFields {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @NotAbove('credit_limit') alert_threshold?: number;
}

/**
 * On an integration's workspace access the alert threshold is a percentage of the limit (Portkey's
 * Terraform suite sends 75 with a limit of 50).
 */
export class PercentThresholdUsageLimitsDto extends UsageLimitsFields {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) alert_threshold?: number;
}

/** What a usage limit counts when `type` is absent: dollars. */
export function usageLimitType(limits: { type?: 'cost' | 'tokens' | null } | null | undefined): 'cost' | 'tokens' {
  return limits?.type ?? 'cost';
}

/** `RateLimit`; API keys also accept rps and rpw. A value of 0 (the spec allows it) blocks all traffic. */
export class RateLimitDto {
  @IsIn(['requests', 'tokens']) type!: 'requests' | 'tokens';
  @IsIn(['rpd', 'rph', 'rpm', 'rps', 'rpw']) unit!: string;
  @Type(() => Number) @IsInt() @Min(0) value!: number;
}

/** The value must not exceed a sibling field (when both are numbers). */
function NotAbove(sibling: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notAbove',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[sibling];
          return typeof value !== 'number' || typeof other !== 'number' || value <= other;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be less than or equal to ${sibling}`,
      },
    });
}

/** Only one of the two fields may be set (null counts as unset). */
function ExclusiveWith(sibling: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'exclusiveWith',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[sibling];
          return value === null || value === undefined || other === null || other === undefined;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} and ${sibling} are mutually exclusive: set one of them`,
      },
    });
}
