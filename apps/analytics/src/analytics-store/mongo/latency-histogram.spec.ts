import { describe, expect, it } from '@jest/globals';
import { percentile } from '../reference-aggregate.js';
import { binValue, HISTOGRAM_RELATIVE_ERROR, histogramPercentile, latencyBin } from './latency-histogram.js';

describe('latency histogram', () => {
  it('every latency up to 10 minutes is answered within the stated relative error by its bin', () => {
    for (let ms = 0; ms <= 600_000; ms += ms < 1000 ? 1 : 37) {
      expect(Math.abs(binValue(latencyBin(ms)) - ms)).toBeLessThanOrEqual(ms * HISTOGRAM_RELATIVE_ERROR);
    }
  });

  it('latencies below 200 ms are exact', () => {
    for (let ms = 0; ms < 200; ms++) expect(binValue(latencyBin(ms))).toBe(ms);
  });

  it('percentiles from the histogram equal nearest-rank percentiles within the stated error', () => {
    const values = Array.from({ length: 997 }, (_, i) => Math.round(20 + ((i * 7919) % 997) ** 1.7 / 30));
    const bins = new Map<number, number>();
    for (const v of values) bins.set(latencyBin(v), (bins.get(latencyBin(v)) ?? 0) + 1);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0, 0.01, 0.5, 0.9, 0.99, 1]) {
      const want = percentile(sorted, p)!;
      expect(Math.abs(histogramPercentile(bins, p)! - want)).toBeLessThanOrEqual(want * HISTOGRAM_RELATIVE_ERROR);
    }
    expect(histogramPercentile(new Map(), 0.5)).toBeNull();
  });
});
