import { registerDecorator, type ValidationOptions } from 'class-validator';

/** `RateLimit` as stored and returned for virtual keys and providers (reference §1). */
export interface RateLimit {
  type: 'requests' | 'tokens';
  unit: string;
  value: number;
}

export const PROVIDER_RATE_UNITS = ['rpd', 'rph', 'rpm'] as const;
const MAX_RATE_LIMITS = 20;

/**
 * What is wrong with `value` as a rate limit or a list of them (`path` relative to the field), or
 * null. Virtual keys and providers take an object on create and update (reference §1 "Arity
 * differs") and some clients send an array: both are accepted and stored as an array.
 */
export function rateLimitsProblem(value: unknown, units: readonly string[] = PROVIDER_RATE_UNITS): { path: string; message: string } | null {
  if (value === null || value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_RATE_LIMITS) return { path: '', message: `must hold at most ${MAX_RATE_LIMITS} rate limits` };
  for (const [i, item] of list.entries()) {
    const at = (field: string) => [Array.isArray(value) ? String(i) : '', field].filter(Boolean).join('.');
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { path: at(''), message: 'must be an object {type, unit, value}' };
    const { type, unit, value: n } = item as Record<string, unknown>;
    if (type !== 'requests' && type !== 'tokens') return { path: at('type'), message: 'must be one of: requests, tokens' };
    if (typeof unit !== 'string' || !units.includes(unit)) return { path: at('unit'), message: `must be one of: ${units.join(', ')}` };
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return { path: at('value'), message: 'must be an integer of at least 1' };
  }
  return null;
}

/** The stored form: always a list of `{type, unit, value}`, extra fields dropped. */
export function toRateLimitList(value: unknown): RateLimit[] {
  if (value === null || value === undefined) return [];
  const list = (Array.isArray(value) ? value : [value]) as Array<Record<string, unknown>>;
  return list.map((r) => ({ type: r.type as RateLimit['type'], unit: String(r.unit), value: Number(r.value) }));
}

/** class-validator: a rate limit object or a list of them (see `rateLimitsProblem`). */
export function IsRateLimits(units: readonly string[] = PROVIDER_RATE_UNITS, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRateLimits',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => rateLimitsProblem(value, units) === null,
        defaultMessage: (args) => {
          const problem = rateLimitsProblem(args?.value, units);
          return `${[args?.property, problem?.path].filter(Boolean).join('.')} ${problem?.message ?? 'is invalid'}`;
        },
      },
    });
}
