import type { Connection } from 'mongoose';
import type { ListAuditLogsQuery } from '#libs/contracts';
import { toAuditView, type AuditRecord } from './audit-record.js';
import { AUDIT_COLLECTION } from './audit-projector.js';

const EXACT = ['method', 'uri', 'request_id', 'user_id', 'user_type', 'workspace_id', 'resource_type', 'action', 'client_ip', 'country'] as const;

/** `GET /v1/audit-logs`: one organisation, a time window, exact-match filters, newest first. */
export async function listAuditLogs(db: Connection, orgId: string, query: ListAuditLogsQuery, collection = AUDIT_COLLECTION) {
  const filter: Record<string, unknown> = {
    organisation_id: orgId,
    timestamp: { $gte: new Date(query.start_time).toISOString(), $lte: new Date(query.end_time).toISOString() },
  };
  for (const field of EXACT) if (query[field] !== undefined) filter[field] = query[field];
  if (query.response_status_code !== undefined) filter.response_status_code = query.response_status_code;
  const pageSize = query.page_size ?? 20;
  const records = db.collection<AuditRecord>(collection);
  const [total, docs] = await Promise.all([
    records.countDocuments(filter),
    records
      .find(filter)
      .sort({ timestamp: -1, _id: 1 })
      .skip((query.current_page ?? 0) * pageSize)
      .limit(pageSize)
      .toArray(),
  ]);
  return { object: 'list' as const, total, records: docs.map(toAuditView) };
}
