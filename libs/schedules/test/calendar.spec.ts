import { describe, expect, it } from '@jest/globals';
import { firstOfNextMonthUtc, nextMondayUtc } from '../src/index.js';

describe('UTC calendar boundaries', () => {
  it('the next Monday from every weekday is 1 to 7 days ahead', () => {
    // 2026-06-01 is a Monday.
    for (let day = 1; day <= 7; day++) {
      const from = Date.UTC(2026, 5, day, 12);
      const monday = nextMondayUtc(from);
      expect(new Date(monday).getUTCDay()).toBe(1);
      expect(monday - from).toBeGreaterThan(0);
      expect(monday - from).toBeLessThanOrEqual(7 * 86_400_000);
    }
  });
  it('the 1st of the next month crosses year ends', () => {
    expect(new Date(firstOfNextMonthUtc(Date.UTC(2026, 11, 31, 23))).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
