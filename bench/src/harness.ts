/** Timing helpers for `npm run bench`. Numbers come from here, never from timed test assertions. */
export interface Stats {
  ops: number;
  seconds: number;
  opsPerSec: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface Row extends Partial<Stats> {
  suite: string;
  case: string;
  note?: string;
  [extra: string]: unknown;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarise(latenciesMs: number[], seconds: number): Stats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    seconds,
    opsPerSec: sorted.length / seconds,
    meanMs: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
  };
}

/** Runs `fn` `ops` times with `concurrency` in flight; returns per-op latencies and wall time. */
export async function run(fn: (i: number) => Promise<unknown>, ops: number, concurrency = 1): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < ops; i = next++) {
        const t = performance.now();
        await fn(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/**
 * Side by side: alternates the contenders in rounds (A, B, A, B …) after a warm-up, so drift
 * in a noisy, shared machine hits both alike.
 */
export async function sideBySide(
  contenders: Record<string, (i: number) => Promise<unknown>>,
  { ops, rounds = 5, concurrency = 1, warmup = 200 }: { ops: number; rounds?: number; concurrency?: number; warmup?: number },
): Promise<Record<string, Stats>> {
  const names = Object.keys(contenders);
  for (const name of names) await run(contenders[name]!, warmup, concurrency);
  const latencies: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const seconds: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const perRound = Math.ceil(ops / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? [...names].reverse() : names) {
      const result = await run(contenders[name]!, perRound, concurrency);
      latencies[name]!.push(...result.latencies);
      seconds[name]! += result.seconds;
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(latencies[n]!, seconds[n]!)]));
}

export function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}
