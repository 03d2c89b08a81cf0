/**
 * The template language of prompts and partials: a logic-less Mustache subset, evaluated by
 * substitution only (no code runs). Tags: `{{name}}` / `{{{name}}}` / `{{&name}}` (values are
 * never HTML-escaped: the output is text for a model), dotted names, `{{#name}}…{{/name}}`
 * sections (lists repeat, objects enter scope, falsy values skip), `{{^name}}…{{/name}}`,
 * `{{! comments }}` and `{{> partial}}`.
 */

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; children: Node[] }
  | { kind: 'partial'; name: string };

/** A template problem, naming the request field it concerns (`variables.<name>`, `template`). */
export class TemplateError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const RENDER_LIMITS = { partialDepth: 8, outputChars: 1024 * 1024, steps: 200_000 } as const;

const TAG = /\{\{(\{)?\s*([#^/!>&]?)\s*([^{}]*?)\s*\}?\}\}/g;
const NAME = /^(?:\.|[A-Za-z0-9_$@\-]+(?:\.[A-Za-z0-9_$@\-]+)*)$/;

export function parseTemplate(source: string, where = 'template'): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; children: Node[] }> = [{ name: '', children: root }];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const [whole, , sigil, rawName] = match;
    const top = stack.at(-1)!;
    if (match.index! > last) top.children.push({ kind: 'text', text: source.slice(last, match.index) });
    last = match.index! + whole.length;
    if (sigil === '!') continue;
    const name = rawName!.trim();
    if (!NAME.test(name)) throw new TemplateError(where, `${where} has an unsupported tag ${JSON.stringify(whole)}`);
    if (sigil === '#' || sigil === '^') {
      const section = { kind: 'section' as const, name, inverted: sigil === '^', children: [] as Node[] };
      top.children.push(section);
      stack.push({ name, children: section.children });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.name !== name) throw new TemplateError(where, `${where} closes {{/${name}}} without a matching {{#${name}}}`);
      stack.pop();
    } else if (sigil === '>') top.children.push({ kind: 'partial', name });
    else top.children.push({ kind: 'var', name });
  }
  if (stack.length > 1) throw new TemplateError(where, `${where} leaves {{#${stack.at(-1)!.name}}} unclosed`);
  if (last < source.length) root.push({ kind: 'text', text: source.slice(last) });
  return root;
}

/** Every partial a template names (not those its partials name in turn). */
export function partialNames(nodes: Node[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.kind === 'partial') into.add(node.name);
    else if (node.kind === 'section') partialNames(node.children, into);
  }
  return into;
}

type Lookup = { found: true; value: unknown } | { found: false };

function lookup(name: string, scopes: unknown[]): Lookup {
  if (name === '.') return { found: true, value: scopes.at(-1) };
  const [head, ...rest] = name.split('.');
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (scope === null || typeof scope !== 'object' || !Object.hasOwn(scope, head!)) continue;
    let value: unknown = (scope as Record<string, unknown>)[head!];
    for (const part of rest) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return { found: false };
      value = (value as Record<string, unknown>)[part];
    }
    return { found: true, value };
  }
  return { found: false };
}

const truthy = (v: unknown) => !(v === undefined || v === null || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0));
const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Renders parsed nodes. A variable that no scope defines is an error naming it; a section on a
 * missing name is simply false. Partials render in the current scope, nested at most
 * `RENDER_LIMITS.partialDepth` deep; output and work are bounded too.
 */
export function render(nodes: Node[], variables: Record<string, unknown>, partials: ReadonlyMap<string, Node[]>): string {
  const budget = { steps: RENDER_LIMITS.steps, chars: 0 };
  const out: string[] = [];
  const emit = (s: string) => {
    budget.chars += s.length;
    if (budget.chars > RENDER_LIMITS.outputChars) throw new TemplateError('template', `the rendered prompt exceeds ${RENDER_LIMITS.outputChars} characters`);
    out.push(s);
  };
  const walk = (list: Node[], scopes: unknown[], depth: number) => {
    for (const node of list) {
      if (--budget.steps < 0) throw new TemplateError('template', 'the template does too much work to render');
      switch (node.kind) {
        case 'text':
          emit(node.text);
          break;
        case 'var': {
          const hit = lookup(node.name, scopes);
          if (!hit.found) throw new TemplateError(`variables.${node.name}`, `variables.${node.name}: the template uses {{${node.name}}} but no value was given`);
          emit(text(hit.value));
          break;
        }
        case 'section': {
          const hit = lookup(node.name, scopes);
          const value = hit.found ? hit.value : undefined;
          if (node.inverted) {
            if (!truthy(value)) walk(node.children, scopes, depth);
          } else if (Array.isArray(value)) {
            for (const item of value) walk(node.children, [...scopes, item], depth);
          } else if (truthy(value)) {
            walk(node.children, typeof value === 'object' ? [...scopes, value] : scopes, depth);
          }
          break;
        }
        case 'partial': {
          const body = partials.get(node.name);
          if (!body) throw new TemplateError('template', `template: partial ${node.name} does not exist in this workspace`);
          if (depth >= RENDER_LIMITS.partialDepth) throw new TemplateError('template', `template: partials are nested deeper than ${RENDER_LIMITS.partialDepth} levels (is one including itself?)`);
          walk(body, scopes, depth + 1);
          break;
        }
        default: {
          const exhaustive: never = node;
          return exhaustive;
        }
      }
    }
  };
  walk(nodes, [variables], 0);
  return out.join('');
}
