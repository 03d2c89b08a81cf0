import type { RequestLog } from '#libs/request-logs';

/** A complete gateway record (as the gateway publishes it to `LOGS`), deterministic from `i`. */
export function requestLogRecord(id: string, i: number, tenancy: { orgId: string; workspaceId: string; at: number }): RequestLog {
  const promptTokens = 10 + (i % 7);
  const completionTokens = 5 + (i % 11);
  return {
    id,
    createdAt: new Date(tenancy.at + i * 10).toISOString(),
    orgId: tenancy.orgId,
    workspaceId: tenancy.workspaceId,
    workspaceSlug: 'ingest',
    apiKeyId: 'key_ingest',
    userId: null,
    route: 'chat.completions',
    virtualKey: 'vk-ingest',
    providerSlug: null,
    configSlug: null,
    promptSlug: null,
    promptVersionId: null,
    aiProvider: 'openai',
    model: i % 2 ? 'gpt-4o' : 'gpt-4o-mini',
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    costCents: (i % 5) + 1,
    latencyMs: 100 + (i % 50),
    upstreamStatus: 200,
    status: i % 10 === 0 ? 500 : 200,
    retries: 0,
    fallbackIndex: 0,
    cacheStatus: 'MISS',
    stream: false,
    traceId: `trace-${i}`,
    spanId: null,
    spanName: null,
    metadata: {},
    request: { url: '/v1/chat/completions', method: 'POST', headers: {}, body: {} },
    response: { status: 200, headers: {}, body: {}, responseTimeMs: 100 },
  };
}

/** `costCents` summed over records 0..n-1 (what the store must report as `cost`). */
export const costOf = (n: number) => Array.from({ length: n }, (_, i) => (i % 5) + 1).reduce((a, b) => a + b, 0);
