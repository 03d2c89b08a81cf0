import type { Equals } from './read-collection.js';
import type { Scalar } from './scalar.js';

const MAX_COMBINATIONS = 1_000;

/** How a query uses an index: its equality prefix as value combinations, and the order fields after it. */
export interface IndexPlan {
  prefix: readonly string[];
  combinations: Scalar[][];
  orderFields: readonly string[];
}

/**
 * Checks that `eq` names a leading prefix of the index's fields (anything else could not be
 * served by the index) and expands "any of" arrays into value combinations.
 */
export function planIndex(collection: string, index: string, fields: readonly string[] | undefined, eq: Equals = {}): IndexPlan {
  if (!fields) throw new Error(`read model ${collection} declares no index named ${index}`);
  const names = Object.keys(eq);
  names.forEach((name, i) => {
    if (fields[i] !== name && !names.includes(fields[i]!)) {
      throw new Error(`index ${collection}.${index} (${fields.join(', ')}) cannot serve equality on ${names.join(', ')}`);
    }
  });
  const prefix = fields.slice(0, names.length);
  if (prefix.some((f) => !(f in eq))) throw new Error(`index ${collection}.${index}: equality must cover a leading prefix of (${fields.join(', ')})`);
  let combinations: Scalar[][] = [[]];
  for (const field of prefix) {
    const value = eq[field] as Scalar | readonly Scalar[];
    const values = Array.isArray(value) ? [...new Set(value as Scalar[])] : [value as Scalar];
    combinations = combinations.flatMap((c) => values.map((v) => [...c, v ?? null]));
    if (combinations.length > MAX_COMBINATIONS) throw new Error(`index ${collection}.${index}: more than ${MAX_COMBINATIONS} value combinations`);
  }
  return { prefix, combinations, orderFields: fields.slice(prefix.length) };
}
