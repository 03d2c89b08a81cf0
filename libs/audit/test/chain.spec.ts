import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '#libs/event-store';
import { canonical, chainHash, checkpointValid, link, recordFromEvent, signCheckpoint, type AuditDraft } from '../src/index.js';

const draft = (over: Partial<AuditDraft> = {}): AuditDraft => ({
  _id: `req:${randomUUID()}`,
  org_key: 'o1',
  position: 7,
  timestamp: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  uri: '/v1/admin/workspaces',
  request_id: 'r1',
  request_body: '{"name":"x"}',
  query_params: '{}',
  request_headers: '{}',
  user_id: 'k1',
  user_type: 'api_key',
  api_key_id: 'k1',
  organisation_id: 'o1',
  workspace_id: null,
  response_status_code: 200,
  resource_type: 'workspaces',
  resource_id: 'w1',
  action: 'create',
  client_ip: '203.0.113.1',
  user_agent: 'ua',
  country: null,
  ...over,
});

describe('audit hash chain', () => {
  it('the canonical form does not depend on key order', () => {
    const a = { ...draft(), seq: 1 };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(canonical(reordered)).toBe(canonical(a));
    expect(canonical(a).startsWith('[["org_key","o1"],["seq",1],["position",7]')).toBe(true);
  });

  it('links records: seq grows by one, each hash covers the previous one', () => {
    const first = link(draft(), undefined);
    const second = link(draft({ action: 'update' }), { seq: first.seq, hash: first.hash });
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first.prev_hash).toBe('');
    expect(second.prev_hash).toBe(first.hash);
    expect(second.hash).toBe(chainHash(first.hash, second));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('any edited field changes the hash', () => {
    const record = link(draft(), undefined);
    for (const field of ['client_ip', 'action', 'user_id', 'response_status_code', 'timestamp'] as const) {
      const edited = { ...record, [field]: field === 'response_status_code' ? 201 : 'edited' };
      expect(chainHash(record.prev_hash, edited)).not.toBe(record.hash);
    }
  });

  it('retention checkpoints are signed: a changed hash or another key fails', () => {
    const c = { org_key: 'o1', seq: 9, hash: 'a'.repeat(64), through: '2026-01-01T00:00:00.000Z', archive: '/tmp/a.jsonl' };
    const signed = { _id: 'chain:o1', ...c, signature: signCheckpoint('k', c) };
    expect(checkpointValid('k', signed)).toBe(true);
    expect(checkpointValid('other', signed)).toBe(false);
    expect(checkpointValid('k', { ...signed, hash: 'b'.repeat(64) })).toBe(false);
  });
});

describe('which events become audit records', () => {
  const event = (type: string, metadata: Record<string, unknown>): RecordedEvent => ({
    id: 'e1',
    type,
    data: { status: 403, errorCode: 'AB03', message: 'no' },
    metadata,
    streamName: 'x-1',
    revision: 0,
    position: 3,
    recordedAt: '2026-01-01T00:00:01.000Z',
  });
  const http = { method: 'PUT', uri: '/v1/admin/workspaces/w1', body: { description: 'd' }, headers: { 'user-agent': 'ua' }, queryParams: {} };

  it('a domain event of an audited request becomes the request record', () => {
    const record = recordFromEvent(
      event('WorkspaceUpdated', { http, requestId: 'r9', orgId: 'o1', workspaceId: 'w1', actor: { type: 'user', id: 'u1', keyId: 'k1' }, audit: { resourceType: 'workspaces', action: 'update', resourceId: 'w1' }, occurredAt: '2026-01-01T00:00:00.000Z' }),
      3,
    );
    expect(record).toMatchObject({ _id: 'req:r9', user_type: 'user', user_id: 'u1', api_key_id: 'k1', action: 'update', response_status_code: 200, request_body: '{"description":"d"}' });
  });

  it('denials become deny records; events without a request or an audit tag do not count', () => {
    expect(recordFromEvent(event('AccessDenied', { http, requestId: 'r1', actor: { type: 'api_key', id: 'k2' } }), 3)).toMatchObject({ _id: 'evt:e1', action: 'deny', response_status_code: 403, org_key: '-' });
    expect(recordFromEvent(event('OrganisationCreated', { requestId: 'boot' }), 3)).toBeNull();
    expect(recordFromEvent(event('WorkspaceUpdated', { http, requestId: 'r2' }), 3)).toBeNull();
  });

  it('an aggregated denial hashes its count and times; a record without them hashes as it always did', () => {
    const plain = { ...draft(), seq: 1 };
    const fields = JSON.parse(canonical(plain)) as Array<[string, unknown]>;
    expect(fields.map(([f]) => f)).not.toContain('count');
    const aggregated = { ...plain, count: 999, first_at: '2026-01-01T00:00:01.000Z', last_at: '2026-01-01T00:00:59.000Z' };
    expect(JSON.parse(canonical(aggregated)).slice(-3)).toEqual([
      ['count', 999],
      ['first_at', '2026-01-01T00:00:01.000Z'],
      ['last_at', '2026-01-01T00:00:59.000Z'],
    ]);
    expect(chainHash('', aggregated)).not.toBe(chainHash('', { ...aggregated, count: 998 }));
  });
});
