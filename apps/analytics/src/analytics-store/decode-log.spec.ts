import { describe, expect, it } from '@jest/globals';
import { decodeLog } from './decode-log.js';

const full = {
  id: 'l1', createdAt: '2026-03-01T10:00:00.000Z', orgId: 'o', workspaceId: 'w', workspaceSlug: 'ws', apiKeyId: 'k', userId: 'u',
  route: 'chat.completions', virtualKey: 'vk', providerSlug: null, configSlug: null, promptSlug: null, promptVersionId: null,
  aiProvider: 'openai', model: 'gpt-4o', promptTokens: 3, completionTokens: 4, totalTokens: 7, costCents: 0.5, latencyMs: 120,
  upstreamStatus: 200, status: 200, retries: 0, fallbackIndex: 0, cacheStatus: 'MISS', stream: false, traceId: 't', spanId: null,
  spanName: null, metadata: { _user: 'alice', env: 'prod' }, request: {}, response: {},
};

describe('decoding a LOGS message for the analytics store', () => {
  it('a gateway record becomes exactly what the port maps it to, with its stream sequence', () => {
    expect(decodeLog(42, JSON.stringify(full))).toEqual(expect.objectContaining({ id: 'l1', seq: 42, at: Date.parse(full.createdAt), user: 'alice', totalTokens: 7, costCents: 0.5, metadata: full.metadata }));
  });

  it('missing measures count as 0, never NaN', () => {
    const { promptTokens, costCents, latencyMs, ...partial } = full;
    void promptTokens, costCents, latencyMs;
    const log = decodeLog(1, JSON.stringify(partial))!;
    expect([log.promptTokens, log.costCents, log.latencyMs]).toEqual([0, 0, 0]);
  });

  it.each([
    ['not JSON', '{oops'],
    ['no id', JSON.stringify({ ...full, id: '' })],
    ['no tenancy', JSON.stringify({ ...full, orgId: undefined })],
    ['no parseable time', JSON.stringify({ ...full, createdAt: 'yesterday' })],
    ['not an object', 'null'],
  ])('a message that cannot be a log (%s) is refused, not thrown', (_why, text) => {
    expect(decodeLog(1, text)).toBeNull();
  });
});
