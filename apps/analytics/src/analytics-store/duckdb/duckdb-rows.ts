import type { AggregateQuery, AggregateResult, AggregateRow, Measure } from '../analytics-store.port.js';

type Cell = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Group keys as the reference writes them: feedback values through `String(number)`, the rest as stored. */
function groupKey(q: AggregateQuery, g: unknown): string {
  return q.groupBy === 'feedbackValue' ? String(Number(g)) : String(g);
}

/**
 * The cells of `toSql` as the reference's result: buckets in order, groups by the order measure
 * (a null counts as -Infinity) then key, paged, with `totalGroups` before paging. Done here rather
 * than in SQL so ties and nulls follow the very comparator of `referenceAggregate`.
 */
export function toResult(q: AggregateQuery, measures: Measure[], cells: Cell[]): AggregateResult {
  let rows: AggregateRow[] = cells.map((c) => ({
    ...(q.bucket ? { bucket: Number(c.b) } : {}),
    ...(q.groupBy ? { group: groupKey(q, c.g) } : {}),
    values: Object.fromEntries(measures.map((m, i) => [m, num(c[`m${i}`])])),
  }));
  if (q.groupBy && !q.bucket) {
    const order = q.order?.measure ?? (q.source === 'logs' ? 'requests' : 'feedbacks');
    const sign = (q.order?.direction ?? 'desc') === 'desc' ? -1 : 1;
    const value = (r: AggregateRow) => (r.values[order] ?? -Infinity) as number;
    rows.sort((a, b) => sign * (value(a) - value(b)) || byText(a.group!, b.group!));
    const totalGroups = rows.length;
    if (q.page) rows = rows.slice(q.page.index * q.page.size, (q.page.index + 1) * q.page.size);
    for (const r of rows) for (const k of Object.keys(r.values)) if (!q.measures.includes(k as Measure)) delete r.values[k as Measure];
    return { rows, totalGroups };
  }
  rows.sort((a, b) => (a.bucket ?? 0) - (b.bucket ?? 0) || byText(a.group ?? '', b.group ?? ''));
  return q.groupBy ? { rows, totalGroups: new Set(rows.map((r) => r.group)).size } : { rows };
}
