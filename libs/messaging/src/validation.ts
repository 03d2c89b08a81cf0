import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '#libs/contracts';

/**
 * The constraint that says most about what is wrong comes first: a missing or mistyped value is
 * reported as such, not as "must contain no more than 100 elements".
 */
const PRIORITY = [
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isMetadata',
  'isEnum',
  'isIn',
  'isEmail',
  'isIso8601',
  'isUuid',
  'matches',
];
const rank = (name: string) => {
  const i = PRIORITY.indexOf(name);
  return i === -1 ? PRIORITY.length : i;
};

/** One error's messages, worst first, with the property name replaced by its full path. */
function messagesOf(error: ValidationError, path: string): string[] {
  if (error.value === undefined) return [`${path} is required`];
  return Object.entries(error.constraints ?? {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, message]) => (message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`));
}

/** Flattens class-validator errors into `{ "users.0.role": ["users.0.role must be one of …"] }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = messagesOf(error, path);
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

/** A 400 naming the first field that is wrong and how; values never appear in it. */
export function validationError(errors: ValidationError[]): DomainError {
  const fields = flattenValidationErrors(errors);
  const first = Object.values(fields)[0];
  return new DomainError('COMMON.VALIDATION', first?.[0] ?? 'invalid request', 400, { fields });
}

/**
 * The receiving side validates too: a payload that does not match its DTO is refused with
 * COMMON.VALIDATION before any handler runs.
 */
export const rpcValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  // The value is read to tell a missing field from a wrong one; it never enters the message.
  validationError: { target: false, value: true },
  exceptionFactory: validationError,
});
