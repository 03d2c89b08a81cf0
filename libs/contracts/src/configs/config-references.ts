import { isPlainObject } from '../common/schema-problem.js';
import { ALIASES, CONFIG_BOUNDS, fieldOf } from './config-schema.js';

/** What a config names elsewhere: virtual keys, providers (`@slug`) and saved guardrails. */
export interface ConfigReferences {
  virtualKeys: string[];
  providers: string[];
  guardrails: string[];
}

/**
 * The references of a valid config, sorted and unique. A `provider` starting with `@` names a
 * provider of the workspace (Portkey's model-catalog form, `@slug` or `@slug/model`); a bare one
 * is an AI provider type (`openai`) and refers to nothing stored.
 */
export function configReferences(config: unknown): ConfigReferences {
  const virtualKeys = new Set<string>();
  const providers = new Set<string>();
  const guardrails = new Set<string>();
  const walk = (node: unknown, nesting: number) => {
    if (!isPlainObject(node) || nesting > CONFIG_BOUNDS.targetNesting) return;
    const vk = fieldOf(node, 'virtual_key');
    if (typeof vk === 'string') virtualKeys.add(vk);
    const provider = node.provider;
    if (typeof provider === 'string' && provider.startsWith('@') && provider.length > 1) providers.add(provider.slice(1).split('/')[0]!);
    for (const field of ['input_guardrails', 'output_guardrails']) {
      const refs = fieldOf(node, field);
      if (Array.isArray(refs)) for (const r of refs) if (typeof r === 'string') guardrails.add(r);
    }
    const children = fieldOf(node, 'targets');
    if (Array.isArray(children)) for (const child of children) walk(child, nesting + 1);
  };
  walk(config, 0);
  const sorted = (s: Set<string>) => [...s].filter(Boolean).sort();
  return { virtualKeys: sorted(virtualKeys), providers: sorted(providers), guardrails: sorted(guardrails) };
}

export const NO_REFERENCES: ConfigReferences = { virtualKeys: [], providers: [], guardrails: [] };

/**
 * Where a config names `ref` (the first place), for the 400 that says it does not exist:
 * `config.targets.1.virtual_key`, `config.input_guardrails.0` …
 */
export function referencePath(config: unknown, kind: keyof ConfigReferences, ref: string, root = 'config'): string {
  const find = (node: unknown, at: string, nesting: number): string | null => {
    if (!isPlainObject(node) || nesting > CONFIG_BOUNDS.targetNesting) return null;
    for (const [key, value] of Object.entries(node)) {
      const field = ALIASES[key] ?? key;
      if (kind === 'virtualKeys' && field === 'virtual_key' && value === ref) return `${at}.${key}`;
      if (kind === 'providers' && field === 'provider' && typeof value === 'string' && value.slice(1).split('/')[0] === ref && value.startsWith('@')) return `${at}.${key}`;
      if (kind === 'guardrails' && (field === 'input_guardrails' || field === 'output_guardrails') && Array.isArray(value)) {
        const i = value.indexOf(ref);
        if (i >= 0) return `${at}.${key}.${i}`;
      }
    }
    const children = node.targets;
    if (Array.isArray(children)) {
      for (let i = 0; i < children.length; i++) {
        const found = find(children[i], `${at}.targets.${i}`, nesting + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return find(config, root, 0) ?? root;
}
