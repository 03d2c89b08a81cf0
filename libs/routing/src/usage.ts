/** Token usage: the upstream's own figure when it sends one, else a count (≈4 characters a token). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export const estimateTokens = (s: string) => Math.ceil(s.length / 4);

export function usageFrom(body: unknown): TokenUsage | null {
  const u = (body as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u !== 'object') return null;
  const p = Number(u.prompt_tokens ?? u.input_tokens ?? 0) || 0;
  const c = Number(u.completion_tokens ?? u.output_tokens ?? 0) || 0;
  return { promptTokens: p, completionTokens: c, totalTokens: Number(u.total_tokens) || p + c };
}

/** Prompt tokens of a request body, for when the upstream does not say. */
export function estimatePromptTokens(body: Record<string, unknown>): number {
  const parts: string[] = [];
  if (Array.isArray(body.messages)) for (const m of body.messages as { content?: unknown }[]) parts.push(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''));
  if (body.prompt !== undefined) parts.push(typeof body.prompt === 'string' ? body.prompt : JSON.stringify(body.prompt));
  if (body.input !== undefined) parts.push(typeof body.input === 'string' ? body.input : JSON.stringify(body.input));
  return estimateTokens(parts.join(' '));
}

/** The text of a streamed chunk (OpenAI shape), for counting when no usage arrives. */
export function chunkText(chunk: unknown): string {
  const choices = (chunk as { choices?: { delta?: { content?: unknown }; text?: unknown }[] } | null)?.choices;
  if (!Array.isArray(choices)) return '';
  return choices.map((c) => (typeof c.delta?.content === 'string' ? c.delta.content : typeof c.text === 'string' ? c.text : '')).join('');
}
