/**
 * A Portkey config (`x-portkey-config`, or a stored config's JSON) turned into a plan the executor
 * walks. Pure: no I/O, so every strategy rule is unit-tested.
 */
export type StrategyMode = 'single' | 'fallback' | 'loadbalance';

export interface PlanTarget {
  /** `@provider-slug`, a virtual-key slug, or null when the target names a provider by name. */
  providerRef: string | null;
  /** A provider name (`openai`, `anthropic` …) used with `apiKey` (the caller's own). */
  provider: string | null;
  apiKey: string | null;
  customHost: string | null;
  overrideParams: Record<string, unknown>;
  weight: number;
  /** A nested strategy (targets may themselves be plans). */
  plan: Plan | null;
}

export interface RetryPolicy {
  attempts: number;
  onStatusCodes: number[];
}

export interface Plan {
  mode: StrategyMode;
  /** Fallback moves on for these; empty means any status ≥ 400 except 4xx client errors. */
  onStatusCodes: number[];
  targets: PlanTarget[];
  /** The config listed `targets` (false: the config itself, or the request's headers, is the one target). */
  hasTargets: boolean;
  retry: RetryPolicy;
  requestTimeoutMs: number | null;
  cache: { mode: 'simple'; maxAgeSeconds: number } | null;
  overrideParams: Record<string, unknown>;
}

export const DEFAULT_RETRY_CODES = [429, 500, 502, 503, 504];
const MAX_RETRY_ATTEMPTS = 5;

export class ConfigProblem extends Error {}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const codes = (v: unknown): number[] => (Array.isArray(v) ? v.filter((c): c is number => Number.isInteger(c)) : []);

/** Parses a config object; `base` is the routing the request's own headers name (the default target). */
export function planFromConfig(raw: unknown, base?: Partial<PlanTarget>, depth = 0): Plan {
  if (depth > 4) throw new ConfigProblem('config nests strategies too deeply');
  const config = obj(raw);
  const strategy = obj(config.strategy);
  const mode = (str(strategy.mode) ?? 'single') as StrategyMode;
  if (!['single', 'fallback', 'loadbalance'].includes(mode)) throw new ConfigProblem(`unknown strategy.mode ${String(strategy.mode)}`);
  const retry = obj(config.retry);
  const attempts = Number.isInteger(retry.attempts) ? Math.min(Math.max(retry.attempts as number, 0), MAX_RETRY_ATTEMPTS) : 0;
  const cache = obj(config.cache);
  const rawTargets = Array.isArray(config.targets) ? config.targets : [];
  const targets = rawTargets.length ? rawTargets.map((t) => target(obj(t), base, depth + 1)) : [target({ ...config, targets: undefined }, base, depth)];
  if (!targets.some((t) => t.providerRef || t.provider || t.plan)) throw new ConfigProblem('the config names no provider, virtual key or target');
  const timeout = Number(config.request_timeout);
  return {
    mode,
    onStatusCodes: codes(strategy.on_status_codes),
    targets,
    hasTargets: rawTargets.length > 0,
    retry: { attempts, onStatusCodes: codes(retry.on_status_codes).length ? codes(retry.on_status_codes) : DEFAULT_RETRY_CODES },
    requestTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : null,
    cache: cache.mode === 'simple' ? { mode: 'simple', maxAgeSeconds: Number(cache.max_age) > 0 ? Number(cache.max_age) : 7 * 86_400 } : null,
    overrideParams: obj(config.override_params),
  };
}

/**
 * `x-portkey-last-used-option-index` as Portkey's gateway spells it: `config` when there were no
 * targets, else the path to the answering target (`config.targets[1]`, `config.targets[0].targets[2]`).
 */
export function optionIndexHeader(plan: Plan, path: number[]): string {
  let text = 'config';
  let current: Plan | null = plan;
  for (const i of path) {
    if (!current?.hasTargets) break;
    text += `.targets[${i}]`;
    current = current.targets[i]?.plan ?? null;
  }
  return text;
}

function target(t: Record<string, unknown>, base: Partial<PlanTarget> | undefined, depth: number): PlanTarget {
  // A target with its own targets is a nested strategy (fallback inside loadbalance …).
  const nested = Array.isArray(t.targets) && t.targets.length ? planFromConfig({ ...t, cache: undefined }, base, depth + 1) : null;
  const weight = Number(t.weight);
  return {
    providerRef: str(t.virtual_key) ?? (str(t.provider)?.startsWith('@') ? str(t.provider) : null) ?? base?.providerRef ?? null,
    provider: str(t.provider)?.startsWith('@') ? null : (str(t.provider) ?? base?.provider ?? null),
    apiKey: str(t.api_key) ?? base?.apiKey ?? null,
    customHost: str(t.custom_host) ?? base?.customHost ?? null,
    overrideParams: obj(t.override_params),
    weight: Number.isFinite(weight) && weight >= 0 ? weight : 1,
    plan: nested,
  };
}

/** Loadbalance: a target by weight; `random` is in [0, 1). */
export function pickWeighted(targets: PlanTarget[], random: number): number {
  const total = targets.reduce((s, t) => s + t.weight, 0);
  if (total <= 0) return 0;
  let r = random * total;
  for (let i = 0; i < targets.length; i++) {
    r -= targets[i]!.weight;
    if (r < 0) return i;
  }
  return targets.length - 1;
}

/** Does a fallback move past this answer? A network error (status 0) always does. */
export function shouldFallback(plan: Plan, status: number): boolean {
  if (status === 0) return true;
  if (plan.onStatusCodes.length) return plan.onStatusCodes.includes(status);
  return status >= 500 || status === 429;
}

/** Milliseconds to wait before retry `attempt` (1-based): `retry-after` when given, else exponential. */
export function retryDelayMs(attempt: number, retryAfter: string | null, nowMs: number): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 60_000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(Math.max(at - nowMs, 0), 60_000);
  }
  return Math.min(100 * 2 ** (attempt - 1), 5_000);
}
