import { DomainError } from './errors.js';

/** Where a JSON value breaks its schema: the dotted path of the field and what is wrong. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** The validation error every route answers (400 AB01), naming the field as `a.b.0.c`. */
export function schemaError(problem: SchemaProblem): DomainError {
  return new DomainError('COMMON.VALIDATION', `${problem.path}: ${problem.message}`, 400, { fields: { [problem.path]: [problem.message] } });
}

export function assertNoProblem(problem: SchemaProblem | null): void {
  if (problem) throw schemaError(problem);
}

/**
 * `null` for a field an update may only set: class-validator's `@IsOptional()` lets `null`
 * through, so updates refuse it themselves (naming the field) rather than store it.
 */
export function assertNotNull(body: Record<string, unknown>, fields: readonly string[]): void {
  const field = fields.find((f) => body[f] === null);
  if (field) throw schemaError({ path: field, message: 'must not be null' });
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
