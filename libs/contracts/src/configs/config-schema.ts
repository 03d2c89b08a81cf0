import { FREE_FORM_LIMITS, freeFormProblem } from '../common/free-form.js';
import { isPlainObject, type SchemaProblem } from '../common/schema-problem.js';
import { isGuardrailCheckId } from '../guardrails/guardrail-checks.js';

/**
 * Portkey's gateway config schema (the gateway's request validator, plus what the product
 * documents): the fields it knows are type-checked at every level, unknown fields pass through
 * (Portkey forwards provider-specific ones), targets nest recursively up to a bound. Pure, so the
 * edge and the workspaces service run the same check.
 */
export const STRATEGY_MODES = ['single', 'fallback', 'loadbalance', 'conditional'] as const;
export const CACHE_MODES = ['simple', 'semantic'] as const;
export const CONFIG_BOUNDS = { targetNesting: 5, targets: 50, statusCodes: 50, guardrails: 50, conditions: 50, stringLength: 2_048 } as const;

/** Configs take snake_case or camelCase keys (as Portkey's gateway does). */
export const ALIASES: Record<string, string> = {
  virtualKey: 'virtual_key',
  overrideParams: 'override_params',
  requestTimeout: 'request_timeout',
  onStatusCodes: 'on_status_codes',
  inputGuardrails: 'input_guardrails',
  outputGuardrails: 'output_guardrails',
  beforeRequestHooks: 'before_request_hooks',
  afterRequestHooks: 'after_request_hooks',
  customHost: 'custom_host',
  forwardHeaders: 'forward_headers',
  strictOpenAiCompliance: 'strict_open_ai_compliance',
  apiKey: 'api_key',
  awsSecretAccessKey: 'aws_secret_access_key',
  awsSessionToken: 'aws_session_token',
  vertexServiceAccountJson: 'vertex_service_account_json',
};

// Provider secrets are stored only encrypted, behind a virtual key or provider: never in a config.
const CREDENTIALS = new Set(['api_key', 'aws_secret_access_key', 'aws_session_token', 'vertex_service_account_json']);

type Check = (value: unknown, at: string, nesting: number) => SchemaProblem | null;

const problem = (path: string, message: string): SchemaProblem => ({ path, message });

const text = (max: number = CONFIG_BOUNDS.stringLength): Check => (v, at) =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? null : problem(at, `must be a non-empty string of at most ${max} characters`);
const object: Check = (v, at) => (isPlainObject(v) ? null : problem(at, 'must be an object'));
const boolean: Check = (v, at) => (typeof v === 'boolean' ? null : problem(at, 'must be a boolean'));
const integer = (min: number, max: number): Check => (v, at) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : problem(at, `must be an integer from ${min} to ${max}`);
const nonNegative: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : problem(at, 'must be a number ≥ 0'));

function list(max: number, item: Check): Check {
  return (v, at, nesting) => {
    if (!Array.isArray(v)) return problem(at, 'must be an array');
    if (v.length > max) return problem(at, `must have at most ${max} items`);
    for (let i = 0; i < v.length; i++) {
      const found = item(v[i], `${at}.${i}`, nesting);
      if (found) return found;
    }
    return null;
  };
}

const statusCodes = list(CONFIG_BOUNDS.statusCodes, integer(100, 599));

/** Keys of an object's known fields, checked in order; unknown keys pass. */
function fields(checks: Record<string, Check>, required: string[] = []): Check {
  return (v, at, nesting) => {
    if (!isPlainObject(v)) return problem(at, 'must be an object');
    for (const name of required) if (v[name] === undefined) return problem(`${at}.${name}`, 'is required');
    for (const [key, value] of Object.entries(v)) {
      const check = checks[ALIASES[key] ?? key];
      const found = check?.(value, `${at}.${key}`, nesting);
      if (found) return found;
    }
    return null;
  };
}

const oneOf = (values: readonly string[]): Check => (v, at) =>
  typeof v === 'string' && values.includes(v) ? null : problem(at, `must be one of ${values.join(', ')}`);

const strategy = fields(
  {
    mode: oneOf(STRATEGY_MODES),
    on_status_codes: statusCodes,
    conditions: list(CONFIG_BOUNDS.conditions, fields({ query: object, then: text(200) }, ['query', 'then'])),
    default: text(200),
  },
  ['mode'],
);

/** A guardrail a config runs: a saved one by slug or id, or an inline set of checks. */
const guardrailRef: Check = (v, at) => {
  if (typeof v === 'string') return text(200)(v, at, 0);
  if (!isPlainObject(v)) return problem(at, 'must be a guardrail slug or id, or an object of checks');
  for (const [key, value] of Object.entries(v)) {
    if (key.includes('.') && !isGuardrailCheckId(key)) return problem(`${at}.${key}`, 'is not a known guardrail check id');
    if ((key === 'deny' || key === 'async') && typeof value !== 'boolean') return problem(`${at}.${key}`, 'must be a boolean');
  }
  return null;
};

const targets: Check = (v, at, nesting) => {
  if (nesting + 1 > CONFIG_BOUNDS.targetNesting) return problem(at, `targets must not nest deeper than ${CONFIG_BOUNDS.targetNesting} levels`);
  return list(CONFIG_BOUNDS.targets, (item, itemAt) => nodeProblem(item, itemAt, nesting + 1))(v, at, nesting);
};

const NODE: Record<string, Check> = {
  strategy,
  targets,
  virtual_key: text(200),
  provider: text(200),
  override_params: object,
  weight: nonNegative,
  retry: fields({ attempts: integer(0, 10), on_status_codes: statusCodes, use_retry_after_header: boolean }, ['attempts']),
  cache: fields({ mode: oneOf(CACHE_MODES), max_age: nonNegative }, ['mode']),
  request_timeout: integer(1, 24 * 3600 * 1000),
  on_status_codes: statusCodes,
  input_guardrails: list(CONFIG_BOUNDS.guardrails, guardrailRef),
  output_guardrails: list(CONFIG_BOUNDS.guardrails, guardrailRef),
  before_request_hooks: list(CONFIG_BOUNDS.guardrails, object),
  after_request_hooks: list(CONFIG_BOUNDS.guardrails, object),
  name: text(200),
  custom_host: text(),
  forward_headers: list(100, text(200)),
  strict_open_ai_compliance: boolean,
  ...Object.fromEntries([...CREDENTIALS].map((c) => [c, ((_, at) => problem(at, 'inline provider credentials are not stored: name a virtual_key or provider instead')) as Check])),
};

/** A known field of a config node, under either spelling. */
export const fieldOf = (node: Record<string, unknown>, field: string) =>
  node[field] ?? node[Object.keys(ALIASES).find((k) => ALIASES[k] === field) ?? ''];

function nodeProblem(node: unknown, at: string, nesting: number): SchemaProblem | null {
  const found = fields(NODE)(node, at, nesting);
  if (found) return found;
  const n = node as Record<string, unknown>;
  const mode = (n.strategy as { mode?: string } | undefined)?.mode;
  const children = fieldOf(n, 'targets') as Array<Record<string, unknown>> | undefined;
  if ((mode === 'fallback' || mode === 'loadbalance' || mode === 'conditional') && !children?.length) {
    return problem(`${at}.targets`, `is required (a non-empty array) when strategy.mode is ${mode}`);
  }
  if (mode === 'conditional') {
    const conditions = (n.strategy as { conditions?: Array<{ then: string }>; default?: string }).conditions;
    if (!conditions?.length) return problem(`${at}.strategy.conditions`, 'is required when strategy.mode is conditional');
    const names = new Set(children!.map((t) => t.name));
    const unknown = conditions.findIndex((c) => !names.has(c.then));
    if (unknown >= 0) return problem(`${at}.strategy.conditions.${unknown}.then`, 'must name one of the targets (by its name)');
    const fallback = (n.strategy as { default?: string }).default;
    if (fallback !== undefined && !names.has(fallback)) return problem(`${at}.strategy.default`, 'must name one of the targets (by its name)');
  }
  return null;
}

/** Why `config` is not a valid Portkey config (the first problem, with its path), or null. */
export function configProblem(config: unknown, root = 'config'): SchemaProblem | null {
  if (!isPlainObject(config)) return problem(root, 'must be a JSON object');
  const bounds = freeFormProblem(config, FREE_FORM_LIMITS);
  if (bounds) return problem(root, bounds);
  return nodeProblem(config, root, 0);
}
