/**
 * Makes any JSON value storable verbatim in MongoDB (and FerretDB), reversibly:
 * - object keys MongoDB refuses or misreads (a `.`, a leading `$`, a NUL) are %-escaped, and `%`
 *   itself, so decoding is exact;
 * - a value nested deeper than MongoDB's limit leaves as a JSON string under the one key that
 *   escaping can never produce (`%json`).
 * Ordinary documents are stored unchanged, so indexed top-level fields stay queryable.
 */
const MAX_NESTING = 48;
const JSON_KEY = '%json';
const NEEDS_ESCAPE = /[%.\0]|^\$/;

export function escapeKey(key: string): string {
  if (!NEEDS_ESCAPE.test(key)) return key;
  return key.replace(/[%.\0]|^\$/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

export function unescapeKey(key: string): string {
  return key.includes('%') ? key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : key;
}

export function encodeValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_NESTING) return { [JSON_KEY]: JSON.stringify(value) };
  if (Array.isArray(value)) return value.map((v) => encodeValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[escapeKey(k)] = encodeValue(v, depth + 1);
  return out;
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === JSON_KEY && typeof entries[0]![1] === 'string') return JSON.parse(entries[0]![1]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[unescapeKey(k)] = decodeValue(v);
  return out;
}
