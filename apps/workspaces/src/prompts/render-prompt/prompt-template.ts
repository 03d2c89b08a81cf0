import { parseTemplate, partialNames, render, type Node } from './mustache.js';

/**
 * A prompt's template is either a JSON array of chat messages (what Portkey's studio stores) or a
 * raw completion template. Chat templates render every text of every message (not `role` or
 * part `type`), so a value can never break the JSON; raw ones render to `prompt`.
 */
export type ParsedPrompt =
  | { kind: 'messages'; messages: unknown[]; texts: Map<string, Node[]> }
  | { kind: 'raw'; nodes: Node[] };

const STRUCTURAL = new Set(['role', 'type']);

export function parsePrompt(template: string): ParsedPrompt {
  const messages = asMessages(template);
  if (!messages) return { kind: 'raw', nodes: parseTemplate(template) };
  const texts = new Map<string, Node[]>();
  forEachText(messages, (s) => {
    if (!texts.has(s)) texts.set(s, parseTemplate(s));
  });
  return { kind: 'messages', messages, texts };
}

/** The partials the prompt names directly. */
export function promptPartials(parsed: ParsedPrompt): Set<string> {
  if (parsed.kind === 'raw') return partialNames(parsed.nodes);
  const names = new Set<string>();
  for (const nodes of parsed.texts.values()) partialNames(nodes, names);
  return names;
}

export function renderPrompt(parsed: ParsedPrompt, variables: Record<string, unknown>, partials: ReadonlyMap<string, Node[]>): { messages: unknown[] } | { prompt: string } {
  if (parsed.kind === 'raw') return { prompt: render(parsed.nodes, variables, partials) };
  return { messages: mapTexts(parsed.messages, (s) => render(parsed.texts.get(s)!, variables, partials)) as unknown[] };
}

function asMessages(template: string): unknown[] | null {
  if (!template.trimStart().startsWith('[')) return null;
  try {
    const parsed = JSON.parse(template) as unknown;
    const isMessage = (m: unknown) => typeof m === 'object' && m !== null && !Array.isArray(m) && typeof (m as { role?: unknown }).role === 'string';
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every(isMessage) ? parsed : null;
  } catch {
    return null;
  }
}

function forEachText(value: unknown, visit: (s: string) => void): void {
  mapTexts(value, (s) => {
    visit(s);
    return s;
  });
}

function mapTexts(value: unknown, fn: (s: string) => string, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && STRUCTURAL.has(key) ? value : fn(value);
  if (Array.isArray(value)) return value.map((v) => mapTexts(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapTexts(v, fn, k)]));
  return value;
}
