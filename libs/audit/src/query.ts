import type { Connection } from 'mongoose';
import type { ListAuditLogsQuery } from '#libs/contracts';
import type { EventStore } from '#libs/event-store';
import { INDEXED_FIELDS, type AuditIndex, type IndexedField } from './audit-index.js';
import { toAuditView, type AuditRecord } from './audit-record.js';
import { recordFromEvent } from './record-from-event.js';
import { AUDIT_COLLECTION } from './audit-projector.js';

/**
 * Portkey's spec names the list object "analytics-graph" (and its live responses agree), odd as
 * that looks for a list of records.
 */
export const AUDIT_LIST_OBJECT = 'analytics-graph';

/** Denied reads are recorded but listed only when asked for (`include_denied_reads`, `method=GET`). */
export function hidesDeniedReads(query: ListAuditLogsQuery): boolean {
  return query.method === undefined && query.include_denied_reads !== true;
}

/** `GET /v1/audit-logs`: one organisation, a time window, exact-match filters, newest first. */
export async function listAuditLogs(db: Connection, orgId: string, query: ListAuditLogsQuery, collection = AUDIT_COLLECTION) {
  const filter: Record<string, unknown> = {
    organisation_id: orgId,
    timestamp: { $gte: new Date(query.start_time).toISOString(), $lte: new Date(query.end_time).toISOString() },
  };
  for (const field of INDEXED_FIELDS) if (query[field] !== undefined) filter[field] = query[field];
  if (hidesDeniedReads(query)) filter.method = { $ne: 'GET' };
  const pageSize = query.page_size || 20;
  const records = db.collection<AuditRecord>(collection);
  const [total, docs] = await Promise.all([
    records.countDocuments(filter),
    records
      .find(filter)
      .sort({ timestamp: -1, seq: -1 })
      .skip((query.current_page ?? 0) * pageSize)
      .limit(pageSize)
      .toArray(),
  ]);
  return { object: AUDIT_LIST_OBJECT, total, records: docs.map(toAuditView) };
}

/**
 * The same query against the in-memory index: the page's records are rebuilt from their events
 * (one read by position each) and the chain fields the index keeps.
 */
export async function listAuditLogsFromIndex(
  index: AuditIndex,
  store: EventStore,
  orgId: string,
  query: ListAuditLogsQuery,
  prunedThrough = 0,
) {
  const pageSize = query.page_size || 20;
  const filters: Partial<Record<IndexedField, string | number>> = {};
  for (const field of INDEXED_FIELDS) if (query[field] !== undefined) filters[field] = query[field];
  const { total, entries } = index.query(orgId, {
    ...(hidesDeniedReads(query) ? { exclude: { method: 'GET' } } : {}),
    fromMs: Date.parse(query.start_time),
    toMs: Date.parse(query.end_time),
    filters,
    skip: (query.current_page ?? 0) * pageSize,
    limit: pageSize,
    prunedThrough,
  });
  const records = await Promise.all(
    entries.map(async (entry) => {
      const draft = (await store.readAt(entry.position)).map((e) => recordFromEvent(e, entry.position)).find((d) => d !== null);
      if (!draft) throw new Error(`no auditable event at position ${entry.position}`);
      return toAuditView({ ...draft, seq: entry.seq, prev_hash: entry.prevHash, hash: entry.hash });
    }),
  );
  return { object: AUDIT_LIST_OBJECT, total, records };
}
