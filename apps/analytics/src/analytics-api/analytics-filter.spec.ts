import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#libs/contracts';
import { analyticsFilter, metadataFilter, timeRange } from './analytics-filter.js';
import { ORG, query, T0 } from '../../../../test/support/analytics-api-data.js';

const tenancy = { orgId: ORG, workspaceIds: ['ws-a'] };
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('analytics query → filter', () => {
  it('a missing or invalid time range is a 400 naming the parameter', () => {
    for (const field of ['time_of_generation_min', 'time_of_generation_max'] as const) {
      const missing = refusal(() => timeRange(query({ [field]: undefined })));
      expect(missing).toMatchObject({ status: 400, code: 'COMMON.VALIDATION' });
      expect(missing.message).toContain(field);
      expect(Object.keys(missing.details!.fields as object)).toEqual([field]);
      expect(refusal(() => timeRange(query({ [field]: 'yesterday' }))).message).toContain(field);
    }
    expect(refusal(() => timeRange(query({ time_of_generation_max: new Date(T0).toISOString() }))).message).toContain('time_of_generation_max must be after');
    expect(refusal(() => timeRange(query({ time_of_generation_max: '2040-01-01T00:00:00Z' }))).status).toBe(400);
  });

  it('the range is half-open and offsets are honoured', () => {
    expect(timeRange(query({ time_of_generation_min: '2026-11-02T12:00:00+02:00', time_of_generation_max: '2026-11-02T11:00:00Z' }))).toEqual({ from: T0, to: T0 + 3_600_000 });
  });

  it('comma lists, codes, model pairs, cache states and ranges become the port’s filter', () => {
    const f = analyticsFilter(
      query({
        status_code: '200, 429,,500', virtual_keys: 'vk-1,vk-2', configs: 'cfg', api_key_ids: 'k1', ai_org_model: 'openai__gpt-4o,azure-openai__gpt-4o__mini',
        trace_id: 't1', span_id: 's1', prompt_slug: 'p1', cache_status: 'hit,semantic_hit', cost_min: 1, cost_max: 5, total_units_min: 0, prompt_token_max: 9,
        completion_token_min: 2, weighted_feedback_min: -1, weighted_feedback_max: 1, metadata: '{"env":"prod","n":3,"ok":true}',
      }),
      tenancy,
    );
    expect(f).toEqual({
      orgId: ORG, workspaceIds: ['ws-a'], from: T0, to: T0 + 3_600_000, statusCodes: [200, 429, 500], virtualKeys: ['vk-1', 'vk-2'], configs: ['cfg'], apiKeyIds: ['k1'],
      aiOrgModels: [{ provider: 'openai', model: 'gpt-4o' }, { provider: 'azure-openai', model: 'gpt-4o__mini' }], traceIds: ['t1'], spanIds: ['s1'], promptSlugs: ['p1'],
      cacheStatuses: ['HIT', 'SEMANTIC_HIT'], metadata: { env: 'prod', n: '3', ok: 'true' }, totalUnits: { min: 0 }, cost: { min: 1, max: 5 }, promptTokens: { max: 9 },
      completionTokens: { min: 2 }, weightedFeedback: { min: -1, max: 1 },
    });
  });

  it('an empty list filters nothing', () => {
    expect(analyticsFilter(query({ status_code: ' , ', virtual_keys: '' }), tenancy)).toEqual({ orgId: ORG, workspaceIds: ['ws-a'], from: T0, to: T0 + 3_600_000 });
  });

  it('bad values are 400s naming the parameter', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status_code: '200,abc' }, 'status_code'],
      [{ status_code: '999' }, 'status_code'],
      [{ ai_org_model: 'gpt-4o' }, 'ai_org_model'],
      [{ ai_org_model: 'openai__' }, 'ai_org_model'],
      [{ cost_min: 5, cost_max: 1 }, 'cost_max'],
      [{ metadata: '[1,2]' }, 'metadata'],
      [{ metadata: '{"a":{"b":1}}' }, 'metadata'],
      [{ metadata: '{"a":null}' }, 'metadata'],
      [{ metadata: '{oops' }, 'metadata'],
      [{ metadata: '"text"' }, 'metadata'],
      [{ trace_id: Array.from({ length: 201 }, (_, i) => `t${i}`).join(',') }, 'trace_id'],
    ];
    for (const [over, field] of cases) {
      const e = refusal(() => analyticsFilter(query(over), tenancy));
      expect({ over, status: e.status, field: Object.keys(e.details!.fields as object)[0] }).toEqual({ over, status: 400, field });
    }
  });

  it('an empty metadata object filters nothing', () => {
    expect(metadataFilter('{}')).toBeUndefined();
    expect(metadataFilter(' ')).toBeUndefined();
  });
});
