/** Values an index may hold: the top-level scalar fields of a read-model document. */
export type Scalar = string | number | boolean | null;

/** Sentinels for open range ends: below and above every scalar. */
export const MIN_KEY = Symbol('min');
export const MAX_KEY = Symbol('max');
/** Above every number and every string respectively (ends of a range bracketed to one type). */
export const NUMBERS_END = Symbol('numbers-end');
export const STRINGS_END = Symbol('strings-end');
export type KeyPart = Scalar | typeof MIN_KEY | typeof MAX_KEY | typeof NUMBERS_END | typeof STRINGS_END;

// MongoDB's sort order across types (null < numbers < strings < booleans), so both engines
// answer a list in the same order.
function rank(v: KeyPart): number {
  if (v === MIN_KEY) return 0;
  if (v === NUMBERS_END) return 2.5;
  if (v === STRINGS_END) return 3.5;
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (typeof v === 'boolean') return 4;
  return 5;
}

export function compareScalars(a: KeyPart, b: KeyPart): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  // Sentinels and null are equal to themselves only; numbers, strings and booleans compare by value.
  if (ra !== 2 && ra !== 3 && ra !== 4) return 0;
  // Same type: plain comparison (strings by UTF-16 code unit, which matches MongoDB's binary
  // collation for every character outside the surrogate range).
  return (a as string | number) < (b as string | number) ? -1 : (a as string | number) > (b as string | number) ? 1 : 0;
}

export function compareKeys(a: readonly KeyPart[], b: readonly KeyPart[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareScalars(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** A document field as an index key part: anything that is not a scalar indexes as null. */
export function scalarOf(value: unknown): Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
