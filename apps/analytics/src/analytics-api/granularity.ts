import type { BucketSpec } from '../analytics-store/analytics-store.port.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-05, the first Monday after the epoch: weeks start on Monday (UTC), as ISO weeks do. */
const MONDAY = 4 * DAY;

export type Granularity = 'minute' | 'hour' | 'day' | 'week';

/**
 * Bucket size for a range (Portkey publishes no rule; this is ours): up to 1 h → minutes, up to
 * 2 days → hours, up to 90 days → days, beyond → weeks. At most ~260 buckets (ranges ≤ 5 years).
 */
export function granularityOf(from: number, to: number): Granularity {
  const span = to - from;
  if (span <= HOUR) return 'minute';
  if (span <= 2 * DAY) return 'hour';
  if (span <= 90 * DAY) return 'day';
  return 'week';
}

const WIDTH: Record<Granularity, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: WEEK };

/** Buckets aligned on UTC unit boundaries covering [from, to): the first one may start before `from`. */
export function bucketsFor(from: number, to: number, granularity = granularityOf(from, to)): BucketSpec {
  const width = WIDTH[granularity];
  const offset = granularity === 'week' ? MONDAY : 0;
  const start = Math.floor((from - offset) / width) * width + offset;
  return { start, width, count: Math.max(1, Math.ceil((to - start) / width)) };
}

/** RFC 3339 (UTC) start of bucket i. */
export const bucketTimestamp = (spec: BucketSpec, i: number) => new Date(spec.start + i * spec.width).toISOString();
