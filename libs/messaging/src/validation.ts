import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '#libs/contracts';

/** Flattens class-validator errors into `{ "users.0.role": ["role must be one of …"] }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

export function validationError(errors: ValidationError[]): DomainError {
  const fields = flattenValidationErrors(errors);
  const first = Object.entries(fields)[0];
  const message = first ? `${first[0]}: ${first[1][0]}` : 'invalid request';
  return new DomainError('COMMON.VALIDATION', message, 400, { fields });
}

/**
 * The receiving side validates too: a payload that does not match its DTO is refused with
 * COMMON.VALIDATION before any handler runs.
 */
export const rpcValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
  exceptionFactory: validationError,
});
