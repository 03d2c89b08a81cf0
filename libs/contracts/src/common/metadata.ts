import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Portkey's metadata is a flat map of strings; these bounds keep it safe to store and index. */
export const METADATA_LIMITS = { maxEntries: 64, maxKeyLength: 128, maxValueLength: 1024 } as const;

// Control characters (including NUL): unprintable, and NUL breaks C-string based stores.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * What is wrong with a metadata value, or null when it is a valid map: a plain object of at most
 * 64 string values (≤ 1024 characters), keyed by 1..128 characters with no `.`, no leading `$`
 * and no control characters (so keys are safe as MongoDB field names).
 */
export function metadataProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object of string values';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > METADATA_LIMITS.maxEntries) return `must have at most ${METADATA_LIMITS.maxEntries} entries`;
  for (const [key, v] of entries) {
    const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
    if (key.length < 1 || key.length > METADATA_LIMITS.maxKeyLength) return `keys must be 1 to ${METADATA_LIMITS.maxKeyLength} characters long (key ${shown})`;
    if (key.includes('.')) return `keys must not contain "." (key ${shown})`;
    if (key.startsWith('$')) return `keys must not start with "$" (key ${shown})`;
    if (CONTROL.test(key)) return `keys must not contain control characters (key ${shown})`;
    if (typeof v !== 'string') return `values must be strings (key ${shown} has ${v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`})`;
    if (v.length > METADATA_LIMITS.maxValueLength) return `values must be at most ${METADATA_LIMITS.maxValueLength} characters (key ${shown})`;
  }
  return null;
}

/** class-validator decorator for a metadata map (see `metadataProblem`). */
export function IsMetadata(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMetadata',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => metadataProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'metadata'} ${metadataProblem(args?.value) ?? 'is invalid'}`,
      },
    });
}
