/**
 * Latency histogram bins, so percentiles can be answered from pre-aggregated buckets: latencies
 * below `EXACT_BELOW` ms get a bin each (exact), above that bins grow geometrically by `RATIO`,
 * and a bin answers with its geometric middle, within (√RATIO − 1) ≈ 0.5 % of any value in it.
 */
const EXACT_BELOW = 200;
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);

/** The bound stated as the store's `percentileRelativeError` (the bin error with float headroom). */
export const HISTOGRAM_RELATIVE_ERROR = 0.01;

export function latencyBin(latencyMs: number): number {
  if (latencyMs < EXACT_BELOW) return Math.max(0, Math.floor(latencyMs));
  return EXACT_BELOW + Math.floor(Math.log(latencyMs / EXACT_BELOW) / LOG_RATIO);
}

/** What a bin answers: exact below `EXACT_BELOW` (latencies are whole ms), else its geometric middle. */
export function binValue(bin: number): number {
  if (bin < EXACT_BELOW) return bin;
  return EXACT_BELOW * RATIO ** (bin - EXACT_BELOW + 0.5);
}

/** Nearest rank over bins, like `percentile` over sorted values: the bin holding rank ⌈p·n⌉. */
export function histogramPercentile(bins: Map<number, number>, p: number): number | null {
  let n = 0;
  for (const c of bins.values()) n += c;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil(p * n)));
  let seen = 0;
  for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
    seen += bins.get(bin)!;
    if (seen >= rank) return binValue(bin);
  }
  return null;
}
