import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Bounds on what clients may store in free-form fields, shared by the edge (DTO validation) and
 * the projectors (which park any stored event that breaks them): whatever the edge accepts, every
 * read store can hold.
 */
export const METADATA_LIMITS = { entries: 64, keyLength: 128, valueLength: 1024 } as const;
export const FREE_FORM_LIMITS = { depth: 16, bytes: 64 * 1024 } as const;
/** Whole event payloads: generous enough for every free-form field at its own bound. */
export const EVENT_PAYLOAD_LIMITS = { depth: 32, bytes: 512 * 1024 } as const;

// Control characters (NUL included), a dot or a leading `$` have no place in a metadata key:
// MongoDB refuses the last three and they break every `metadata.<key>` filter.
const BAD_KEY = /[\u0000-\u001f\u007f.]|^\$/;

/**
 * Why `value` is not a metadata map (flat, string keys to string values, bounded), or null. The
 * edge refuses `null` too (Portkey's metadata is a map); stored events may carry it (`allowNull`).
 */
export function metadataProblem(value: unknown, { allowNull = false }: { allowNull?: boolean } = {}): string | null {
  if (value === undefined || (value === null && allowNull)) return null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object of string values';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > METADATA_LIMITS.entries) return `must have at most ${METADATA_LIMITS.entries} keys`;
  for (const [key, v] of entries) {
    const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
    if (!key.length || key.length > METADATA_LIMITS.keyLength) return `keys must be 1 to ${METADATA_LIMITS.keyLength} characters long (key ${shown})`;
    if (BAD_KEY.test(key)) return `key ${shown} must not contain '.', control characters or start with '$'`;
    if (typeof v !== 'string') return `values must be strings (key ${shown} has ${v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`})`;
    if (v.length > METADATA_LIMITS.valueLength) return `values must be at most ${METADATA_LIMITS.valueLength} characters (key ${shown})`;
    if (v.includes('\u0000')) return `values must not contain NUL characters (key ${shown})`;
  }
  return null;
}

/** Why a free-form JSON value exceeds `limits` (nesting depth, serialised size), or null. */
export function freeFormProblem(value: unknown, limits: { depth: number; bytes: number } = FREE_FORM_LIMITS): string | null {
  const depth = depthOf(value, limits.depth + 1);
  if (depth > limits.depth) return `must not be nested deeper than ${limits.depth} levels`;
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  if (bytes > limits.bytes) return `must be at most ${limits.bytes} bytes of JSON (got ${bytes})`;
  return null;
}

/** Nesting depth of a JSON value, counted up to `cap` (so a hostile value costs at most `cap` levels). */
export function depthOf(value: unknown, cap: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (cap <= 0) return 1;
  let deepest = 0;
  for (const v of Object.values(value as object)) {
    deepest = Math.max(deepest, depthOf(v, cap - 1));
    if (deepest >= cap) break;
  }
  return deepest + 1;
}

/** Where the product keeps metadata maps in event payloads (a key's or workspace's, as created or changed). */
const METADATA_PARENTS = new Set(['', 'defaults', 'changes', 'changes.defaults']);

/**
 * Why a stored event payload cannot be applied: beyond the payload bounds, a NUL in any key, or a
 * metadata map (`metadata`, `defaults.metadata`, under `changes` too) that is not one. Checked
 * without recursing past the depth bound.
 */
export function eventPayloadProblem(data: unknown): string | null {
  const bounds = freeFormProblem(data, EVENT_PAYLOAD_LIMITS);
  if (bounds) return `payload ${bounds}`;
  const walk = (value: unknown, path: string): string | null => {
    if (value === null || typeof value !== 'object') return null;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return `${path || 'payload'} has a key containing NUL`;
      if (key === 'metadata' && METADATA_PARENTS.has(path)) {
        const problem = metadataProblem(v, { allowNull: true });
        if (problem) return `${at} ${problem}`;
        continue;
      }
      const inner = walk(v, at);
      if (inner) return inner;
    }
    return null;
  };
  return walk(data, '');
}

/** class-validator: a metadata map (see `metadataProblem`); the message names what is wrong. */
export function IsMetadataMap(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMetadataMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => metadataProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${metadataProblem(args?.value)}`,
      },
    });
}

/** class-validator: free-form JSON within `limits` (depth and size). */
export function IsBoundedJson(limits: { depth: number; bytes: number } = FREE_FORM_LIMITS, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBoundedJson',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => freeFormProblem(value, limits) === null,
        defaultMessage: (args) => `${args?.property} ${freeFormProblem(args?.value, limits)}`,
      },
    });
}
