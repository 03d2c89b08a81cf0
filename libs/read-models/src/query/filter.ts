import { compareScalars, type Scalar } from './scalar.js';

/** A condition on one top-level field; both engines evaluate exactly this subset. */
export type Condition =
  | Scalar
  | {
      $in?: readonly Scalar[];
      $ne?: Scalar;
      $gt?: Scalar;
      $gte?: Scalar;
      $lt?: Scalar;
      $lte?: Scalar;
      /** Case-sensitive substring. */
      $contains?: string;
    };

/** Conditions on a document's top-level fields, all of which must hold. */
export type Filter = Readonly<Record<string, Condition>>;

const isOperator = (c: Condition): c is Exclude<Condition, Scalar> => c !== null && typeof c === 'object';
const same = (a: unknown, b: Scalar) => (a ?? null) === b;

export function matches(doc: Record<string, unknown>, filter: Filter | undefined): boolean {
  if (!filter) return true;
  for (const [field, condition] of Object.entries(filter)) {
    const value = doc[field];
    if (!isOperator(condition)) {
      if (!same(value, condition)) return false;
      continue;
    }
    const v = (value ?? null) as Scalar;
    if (condition.$in && !condition.$in.some((c) => same(value, c))) return false;
    if ('$ne' in condition && same(value, condition.$ne as Scalar)) return false;
    if (condition.$gt !== undefined && !(typeof v === typeof condition.$gt && compareScalars(v, condition.$gt) > 0)) return false;
    if (condition.$gte !== undefined && !(typeof v === typeof condition.$gte && compareScalars(v, condition.$gte) >= 0)) return false;
    if (condition.$lt !== undefined && !(typeof v === typeof condition.$lt && compareScalars(v, condition.$lt) < 0)) return false;
    if (condition.$lte !== undefined && !(typeof v === typeof condition.$lte && compareScalars(v, condition.$lte) <= 0)) return false;
    if (condition.$contains !== undefined && !(typeof v === 'string' && v.includes(condition.$contains))) return false;
  }
  return true;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same filter as a MongoDB query document. */
export function toMongoFilter(filter: Filter | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (!isOperator(condition)) {
      out[field] = condition;
      continue;
    }
    const c: Record<string, unknown> = {};
    if (condition.$in) c.$in = condition.$in;
    if ('$ne' in condition) c.$ne = condition.$ne;
    // Range operators compare within one type, as MongoDB does.
    for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) if (condition[op] !== undefined) c[op] = condition[op];
    if (condition.$contains !== undefined) c.$regex = escapeRegex(condition.$contains);
    out[field] = c;
  }
  return out;
}
