import { describe, expect, it } from '@jest/globals';
import { expectSameAnswer, parityQueries } from '../../../../../test/support/analytics-parity.js';
import { randomAnalytics } from '../../../../../test/support/random-analytics.js';
import type { AggregateQuery } from '../analytics-store.port.js';
import { logMatches, referenceAggregate } from '../reference-aggregate.js';
import { planAggregate } from './aggregate-plan.js';
import { rowsOfRecords } from './bucket-cells.js';
import { bucketsOfLogs, recordOfLog } from './bucket-record.js';
import { HISTOGRAM_RELATIVE_ERROR } from './latency-histogram.js';

// The bucket reduction alone, without a database: the logs a query covers, folded into buckets of
// the unit the planner picked, reduce to the reference's answer (percentiles within the histogram error).
const data = randomAnalytics({ logs: 4_000, seed: 5 });
const served = parityQueries(data).filter(({ query }) => planAggregate(query).path === 'buckets');
const UNIT_MS = { day: 86_400_000, hour: 3_600_000, minute: 60_000 } as const;

function folded(query: AggregateQuery) {
  const plan = planAggregate(query);
  if (plan.path !== 'buckets') throw new Error('not bucket-served');
  const none = new Map<string, number>();
  return plan.segments.flatMap((s) => {
    const logs = data.logs.filter((l) => l.at >= s.from && l.at < s.to && logMatches(query.filter, l, none));
    return s.source === 'raw' ? logs.map((l) => recordOfLog(l)) : [...bucketsOfLogs(logs, UNIT_MS[s.source]).values()];
  });
}

describe('bucket reduction', () => {
  it('some parity queries are bucket-served', () => expect(served.length).toBeGreaterThanOrEqual(8));

  it.each(served.map(({ name, query }) => [name, query] as const))('folded buckets answer like the reference: %s', (name, query) => {
    expectSameAnswer(rowsOfRecords(folded(query), query), referenceAggregate(data.logs, data.feedback, query), HISTOGRAM_RELATIVE_ERROR, name);
  });

  it('a null group key leaves the record out, like the reference', () => {
    const query: AggregateQuery = { source: 'logs', filter: { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs, to: data.endMs }, measures: ['requests'], groupBy: 'aiOrgModel' };
    const rows = rowsOfRecords(folded(query), query).rows;
    expect(rows.every((r) => typeof r.group === 'string')).toBe(true);
    expect(rows.map((r) => r.group)).toEqual(referenceAggregate(data.logs, [], query).rows.map((r) => r.group));
  });
});
