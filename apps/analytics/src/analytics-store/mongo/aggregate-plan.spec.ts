import { describe, expect, it } from '@jest/globals';
import type { AggregateQuery, AnalyticsFilter } from '../analytics-store.port.js';
import { ROLLUPS } from './analytics-collections.js';
import { coverRange, planAggregate } from './aggregate-plan.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const D0 = Date.parse('2026-11-01T00:00:00.000Z');
const all: AnalyticsFilter = { orgId: 'o', workspaceIds: ['w'], from: D0, to: D0 + 7 * DAY };
const q = (over: Partial<AggregateQuery>): AggregateQuery => ({ source: 'logs', filter: all, measures: ['requests', 'cost', 'latencyP90', 'users'], ...over });

describe('aggregate planner: which store serves a query', () => {
  it('a day-aligned range with bucket measures and dimensions is served by day buckets alone', () => {
    expect(planAggregate(q({ bucket: { start: D0, width: DAY, count: 7 }, groupBy: 'model' }))).toEqual({ path: 'buckets', segments: [{ source: 'day', from: D0, to: D0 + 7 * DAY }] });
  });

  it('minute buckets over an hour are served by minute buckets (an hour bucket would span 60 of them)', () => {
    const plan = planAggregate(q({ filter: { ...all, from: D0, to: D0 + HOUR }, bucket: { start: D0, width: MIN, count: 60 } }));
    expect(plan).toEqual({ path: 'buckets', segments: [{ source: 'minute', from: D0, to: D0 + HOUR }] });
  });

  it('an unaligned range takes the largest units inside and reads only the sub-minute edges raw', () => {
    const from = D0 + 6 * HOUR + 17 * MIN + 5_000;
    const to = D0 + 3 * DAY + 2 * HOUR + 30 * MIN;
    const plan = planAggregate(q({ filter: { ...all, from, to } }));
    expect(plan).toEqual({
      path: 'buckets',
      segments: [
        { source: 'raw', from, to: D0 + 6 * HOUR + 18 * MIN },
        { source: 'minute', from: D0 + 6 * HOUR + 18 * MIN, to: D0 + 7 * HOUR },
        { source: 'hour', from: D0 + 7 * HOUR, to: D0 + DAY },
        { source: 'day', from: D0 + DAY, to: D0 + 3 * DAY },
        { source: 'hour', from: D0 + 3 * DAY, to: D0 + 3 * DAY + 2 * HOUR },
        { source: 'minute', from: D0 + 3 * DAY + 2 * HOUR, to: to },
      ],
    });
  });

  it('requested buckets cut at the bucket range and use only units that fit inside one requested bucket', () => {
    const plan = planAggregate(q({ bucket: { start: D0 + 30 * MIN, width: 90 * MIN, count: 4 } }));
    expect(plan).toEqual({ path: 'buckets', segments: [{ source: 'minute', from: D0 + 30 * MIN, to: D0 + 30 * MIN + 6 * HOUR }] });
  });

  it('a width of no whole minute, or a range inside one minute, reads raw logs', () => {
    expect(planAggregate(q({ bucket: { start: D0, width: 90_000, count: 10 } }))).toEqual({ path: 'raw', reason: 'no whole rollup unit in the range' });
    expect(planAggregate(q({ filter: { ...all, from: D0 + 1000, to: D0 + 2000 } })).path).toBe('raw');
  });

  it.each([
    ['feedback join measures', q({ measures: ['requests', 'withFeedback'] }), 'measure withFeedback'],
    ['an order on a feedback measure', q({ groupBy: 'model', order: { measure: 'weightedFeedbackAvg', direction: 'asc' } }), 'measure weightedFeedbackAvg'],
    ['groups ordered by a percentile (the page must be exact)', q({ groupBy: 'model', order: { measure: 'latencyP99', direction: 'asc' } }), 'order on latencyP99'],
    ['group by user', q({ groupBy: 'user' }), 'group by user'],
    ['group by metadata', q({ groupBy: 'metadata:env' }), 'group by metadata:env'],
    ['group by api key', q({ groupBy: 'apiKey' }), 'group by apiKey'],
    ['virtual keys', q({ filter: { ...all, virtualKeys: ['vk'] } }), 'filter on virtual keys'],
    ['configs', q({ filter: { ...all, configs: ['c'] } }), 'filter on configs'],
    ['api keys', q({ filter: { ...all, apiKeyIds: ['k'] } }), 'filter on api keys'],
    ['prompt slugs', q({ filter: { ...all, promptSlugs: ['p'] } }), 'filter on prompt slugs'],
    ['trace ids', q({ filter: { ...all, traceIds: ['t'] } }), 'filter on trace ids'],
    ['span ids', q({ filter: { ...all, spanIds: ['s'] } }), 'filter on span ids'],
    ['metadata', q({ filter: { ...all, metadata: { env: 'prod' } } }), 'filter on metadata'],
    ['a token range', q({ filter: { ...all, promptTokens: { min: 1 } } }), 'filter on a per-log range'],
    ['a cost range', q({ filter: { ...all, cost: { max: 1 } } }), 'filter on a per-log range'],
    ['weighted feedback', q({ filter: { ...all, weightedFeedback: { min: 0 } } }), 'filter on weighted feedback'],
    ['feedback graphs', { source: 'feedback', filter: all, measures: ['feedbacks'] } as AggregateQuery, 'feedback graphs read feedback'],
  ])('%s are served by raw records', (_, query, reason) => {
    expect(planAggregate(query)).toEqual({ path: 'raw', reason });
  });

  it('empty filter lists and ranges without bounds do not force the raw path', () => {
    const f = { ...all, statusCodes: [], traceIds: [], metadata: {}, cost: {}, weightedFeedback: {}, virtualKeys: [], cacheStatuses: ['HIT'], aiOrgModels: [{ provider: 'p', model: 'm' }] };
    expect(planAggregate(q({ filter: f })).path).toBe('buckets');
  });

  it('a cover is contiguous, in order and exactly the range', () => {
    for (const [from, to] of [[D0 + 1, D0 + 9 * DAY - 1], [D0 - 7 * HOUR - 3, D0 + 5], [D0, D0 + MIN], [D0 + 5, D0 + 6]]) {
      const s = coverRange(from!, to!, ROLLUPS);
      expect(s[0]!.from).toBe(from);
      expect(s.at(-1)!.to).toBe(to);
      s.slice(1).forEach((seg, i) => expect(seg.from).toBe(s[i]!.to));
    }
  });
});
