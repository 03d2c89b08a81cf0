/**
 * One audit record, stored with Portkey's field names (reference §2.14) plus what makes it
 * tamper-evident: its place in its organisation's chain (`seq`), the previous record's hash and
 * its own.
 */
export interface AuditRecord {
  _id: string;
  /** The organisation's id, or `-` for requests no organisation can be named for (unknown keys). */
  org_key: string;
  seq: number;
  prev_hash: string;
  hash: string;
  /** Global position of the event the record comes from. */
  position: number;
  timestamp: string;
  method: string;
  uri: string;
  request_id: string;
  /** JSON text of the redacted body. */
  request_body: string;
  query_params: string;
  request_headers: string;
  user_id: string | null;
  user_type: 'user' | 'api_key' | null;
  api_key_id: string | null;
  organisation_id: string | null;
  workspace_id: string | null;
  response_status_code: number;
  resource_type: string | null;
  resource_id: string | null;
  action: string;
  client_ip: string | null;
  user_agent: string | null;
  country: string | null;
  /** Repeated denials from one source within a window, recorded once: how many, first and last. */
  count?: number;
  first_at?: string;
  last_at?: string;
}

/** Hashed only when present, so records from before aggregation keep their hashes. */
export const AGGREGATE_FIELDS = ['count', 'first_at', 'last_at'] as const;

export type AuditDraft = Omit<AuditRecord, 'seq' | 'prev_hash' | 'hash'>;

/** The fields the hash covers, in this order. Changing the list changes every hash. */
export const CANONICAL_FIELDS = [
  'org_key',
  'seq',
  'position',
  'timestamp',
  'method',
  'uri',
  'request_id',
  'request_body',
  'query_params',
  'request_headers',
  'user_id',
  'user_type',
  'api_key_id',
  'organisation_id',
  'workspace_id',
  'response_status_code',
  'resource_type',
  'resource_id',
  'action',
  'client_ip',
  'user_agent',
  'country',
] as const;

/** What `GET /v1/audit-logs` and `portcullis audit export` show. */
export function toAuditView(record: AuditRecord): Omit<AuditRecord, '_id' | 'org_key' | 'position'> & { id: string } {
  const { _id, org_key: _orgKey, position: _position, ...rest } = record;
  return { id: _id, ...rest };
}
