import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SERVICES } from '#libs/contracts';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { parsePrometheus, total } from '../support/prometheus.js';
import { startStack, type Stack } from '../support/stack.js';

describe('GET /metrics (Prometheus text, every service)', () => {
  let stack: Stack;
  const scrape = async () => {
    const response = await fetch(`${stack.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheus(await response.text());
  };
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('parses, and covers every service with process metrics and a successful scrape', async () => {
    const m = await scrape();
    for (const service of SERVICES) {
      expect([service, total(m, 'portcullis_scrape_up', { target: service })]).toEqual([service, 1]);
      expect([service, m.samples.some((s) => s.name === 'process_cpu_user_seconds_total' && s.labels.service === service)]).toEqual([service, true]);
    }
    expect(m.samples.some((s) => s.name === 'nodejs_heap_size_used_bytes' && s.labels.service === 'gateway')).toBe(true);
    for (const family of ['portcullis_projection_lag_events', 'portcullis_projection_parked_events', 'portcullis_audit_chain_length', 'portcullis_event_store_append_conflicts_total']) {
      expect([family, m.families.has(family)]).toEqual([family, true]);
    }
  });

  it('reports every read model: its lag behind the store, its parked events, and each audit chain', async () => {
    await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Chained' } });
    const m = await scrape();
    const lag = m.samples.filter((s) => s.name === 'portcullis_projection_lag_events');
    for (const [service, projection] of [['keys', 'api-keys-projection'], ['workspaces', 'workspaces-projection'], ['identity', 'invites-projection'], ['audit', 'audit-projector']]) {
      const sample = lag.find((s) => s.labels.service === service && s.labels.projection === projection);
      expect([service, projection, typeof sample?.value === 'number' && sample.value >= 0]).toEqual([service, projection, true]);
    }
    expect(m.samples.filter((s) => s.name === 'portcullis_projection_parked_events').every((s) => s.value === 0)).toBe(true);
    // The audit projector follows the feed on its own: its chain for the organisation shows once it has caught up.
    const chain = await eventually(async () => (await scrape()).samples.find((s) => s.name === 'portcullis_audit_chain_length' && s.labels.organisation === stack.orgId) ?? false);
    expect(chain.value).toBeGreaterThanOrEqual(1);
  });

  it('moves when requests are made: HTTP by route template and status, RPC by subject, appends, auth cache', async () => {
    const before = await scrape();
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Metered' } })).body;
    for (let i = 0; i < 3; i++) expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey })).status).toBe(200);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: 'pc_nonsense' })).status).toBe(401);
    const key = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'm', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: key.key })).status).toBe(200);
    expect((await http(stack, 'PUT', `/api-keys/${key.id}`, { key: stack.adminKey, body: { name: 'renamed' } })).status).toBe(200);
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);

    const route = { route: '/v1/admin/workspaces/:workspaceId', method: 'GET', status: '200', service: 'gateway' };
    expect(grew('portcullis_http_requests_total', route)).toBe(4);
    expect(grew('portcullis_http_request_duration_seconds_count', route)).toBe(4);
    expect(grew('portcullis_http_requests_total', { route: '/v1/admin/workspaces', method: 'GET', status: '401' })).toBe(1);
    expect(after.samples.every((s) => s.name !== 'portcullis_http_requests_total' || !s.labels.route?.includes(ws.id))).toBe(true);
    expect(grew('portcullis_event_store_append_duration_seconds_count', { service: 'workspaces', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(grew('portcullis_event_store_append_duration_seconds_count', { service: 'keys', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    const verify = after.samples.find((s) => s.name === 'portcullis_rpc_client_duration_seconds_count' && s.labels.subject?.endsWith('keys.apiKeys.verify'));
    expect(verify?.labels.service).toBe('gateway');
    expect(grew('portcullis_rpc_client_duration_seconds_count', { service: 'gateway', subject: verify!.labels.subject! })).toBeGreaterThanOrEqual(1);
    expect(grew('portcullis_auth_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(4);
    expect(grew('portcullis_auth_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(grew('portcullis_auth_cache_invalidations_total', { by: 'key' })).toBeGreaterThanOrEqual(1);
    expect(grew('portcullis_denials_total', { status: '401' })).toBe(1);
  });

  it('a Grafana dashboard in deploy/ charts these metrics', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dashboard = JSON.parse(readFileSync(join(process.env.PORTCULLIS_ROOT ?? process.cwd(), 'deploy', 'grafana', 'portcullis-dashboard.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: Array<{ expr: string }> }) => (p.targets ?? []).map((t) => t.expr));
    const m = await scrape();
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(portcullis_[a-z0-9_]+|process_[a-z0-9_]+|nodejs_[a-z0-9_]+)/g)].map((x) => x[1]!.replace(/_(bucket|sum|count)$/, ''))));
    expect([...used].filter((name) => !m.families.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThan(8);
  });
});
