import { describe, expect, it } from '@jest/globals';
import { crossings } from './usage-alerts.js';

describe('usage alert crossings', () => {
  const rule = { creditLimit: 100, alertThreshold: 80 };
  it('a charge that passes the threshold alerts once; charges below or already past it do not', () => {
    expect(crossings(rule, 70, 85)).toEqual(['threshold']);
    expect(crossings(rule, 10, 20)).toEqual([]);
    expect(crossings(rule, 85, 90)).toEqual([]);
  });
  it('a charge that reaches the limit reports exhaustion, and both when it jumps past the threshold too', () => {
    expect(crossings(rule, 90, 100)).toEqual(['exhausted']);
    expect(crossings(rule, 50, 120)).toEqual(['threshold', 'exhausted']);
    expect(crossings(rule, 100, 130)).toEqual([]);
  });
  it('no threshold, no threshold alert', () => {
    expect(crossings({ creditLimit: 100, alertThreshold: null }, 0, 99)).toEqual([]);
  });
});
