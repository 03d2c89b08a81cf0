import { pickWeighted, retryDelayMs, shouldFallback, type Plan, type PlanTarget } from './config-plan.js';

/** One upstream answer (status 0: no answer, e.g. a network error or timeout). */
export interface AttemptResult<R> {
  status: number;
  retryAfter: string | null;
  result: R;
  /** Frees an answer that will not be used (a failed attempt's body). */
  discard?: () => void;
}

export interface ExecutorDeps {
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export interface Executed<R> {
  answer: AttemptResult<R>;
  /** Retries made in total (`x-portkey-retry-attempt-count`). */
  retries: number;
  /** Index of the top-level target that answered (`x-portkey-last-used-option-index`). */
  index: number;
  /** The answering target's index at each level of nesting (see `optionIndexHeader`). */
  path: number[];
  target: PlanTarget;
}

type Call<R> = (target: PlanTarget, overrideParams: Record<string, unknown>) => Promise<AttemptResult<R>>;

/**
 * Walks a plan: single, fallback (next target on the listed codes or a network error) and
 * loadbalance (by weight), each target retried per the plan's retry policy with backoff that
 * honours `retry-after`. The I/O is the caller's `call`; time and randomness come in as deps.
 */
export async function executePlan<R>(plan: Plan, call: Call<R>, deps: ExecutorDeps, inherited: Record<string, unknown> = {}): Promise<Executed<R>> {
  const overrides = { ...inherited, ...plan.overrideParams };
  const order = plan.mode === 'fallback' ? plan.targets.map((_, i) => i) : [plan.mode === 'loadbalance' ? pickWeighted(plan.targets, deps.random()) : 0];
  let retries = 0;
  let last: Executed<R> | undefined;
  for (const index of order) {
    const target = plan.targets[index]!;
    const targetOverrides = { ...overrides, ...target.overrideParams };
    let executed: Executed<R>;
    if (target.plan) {
      const inner = await executePlan(target.plan, call, deps, targetOverrides);
      executed = { ...inner, index, path: [index, ...inner.path] };
    } else {
      executed = { ...(await withRetry(plan, target, targetOverrides, call, deps)), index, path: [index], target };
    }
    retries += executed.retries;
    if (last) last.answer.discard?.();
    last = { ...executed, retries };
    if (plan.mode !== 'fallback' || !shouldFallback(plan, executed.answer.status)) break;
  }
  return last!;
}

async function withRetry<R>(plan: Plan, target: PlanTarget, overrides: Record<string, unknown>, call: Call<R>, deps: ExecutorDeps): Promise<{ answer: AttemptResult<R>; retries: number }> {
  let answer = await call(target, overrides);
  let retries = 0;
  while (retries < plan.retry.attempts && (answer.status === 0 || plan.retry.onStatusCodes.includes(answer.status))) {
    retries++;
    await deps.sleep(retryDelayMs(retries, answer.retryAfter, deps.now()));
    answer.discard?.();
    answer = await call(target, overrides);
  }
  return { answer, retries };
}
