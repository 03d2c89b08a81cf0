import type { Collection, Document } from 'mongodb';

export interface Difference {
  id: string;
  kind: 'missing-live' | 'missing-rebuilt' | 'differs';
  fields?: string[];
}

/**
 * Compares two collections document by document (both sorted by `_id`). Live documents changed
 * after `through` (the replay's head) are newer than the rebuild and are not counted.
 */
export async function compareCollections(
  live: Collection<Document>,
  rebuilt: Collection<Document>,
  positionField: string,
  through: number,
  limit = 20,
): Promise<{ compared: number; differences: Difference[]; total: number }> {
  // A live document changed after the replay's head is newer than anything the rebuild knows.
  const after = (doc: Document | null) => !!doc && typeof doc[positionField] === 'number' && doc[positionField] > through;
  const a = live.find({}).sort({ _id: 1 });
  const b = rebuilt.find({}).sort({ _id: 1 });
  const differences: Difference[] = [];
  let total = 0;
  let compared = 0;
  let x = await a.next();
  let y = await b.next();
  while (x || y) {
    compared++;
    const xid = x ? String(x._id) : undefined;
    const yid = y ? String(y._id) : undefined;
    let difference: Difference | undefined;
    if (xid !== undefined && (yid === undefined || xid < yid)) {
      if (!after(x)) difference = { id: xid, kind: 'missing-rebuilt' };
      x = await a.next();
    } else if (yid !== undefined && (xid === undefined || yid < xid)) {
      difference = { id: yid, kind: 'missing-live' };
      y = await b.next();
    } else {
      const fields = after(x) ? [] : differingFields(x!, y!);
      if (fields.length) difference = { id: xid!, kind: 'differs', fields };
      x = await a.next();
      y = await b.next();
    }
    if (difference) {
      total++;
      if (differences.length < limit) differences.push(difference);
    }
  }
  return { compared, differences, total };
}

function differingFields(a: Document, b: Document): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
