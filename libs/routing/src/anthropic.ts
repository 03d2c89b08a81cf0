/** OpenAI chat completions ⇄ Anthropic Messages API, both ways, streaming included. */
type Json = Record<string, unknown>;

const text = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((p) => (typeof p === 'object' && p && 'text' in p ? String((p as Json).text) : '')).join('') : '';

export function toAnthropic(body: Json): Json {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const system = messages.filter((m) => m.role === 'system').map((m) => text(m.content)).join('\n');
  const out: Json = {
    model: body.model,
    max_tokens: body.max_tokens ?? body.max_completion_tokens ?? 1024,
    messages: messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: text(m.content) })),
  };
  if (system) out.system = system;
  for (const k of ['temperature', 'top_p', 'stream'] as const) if (body[k] !== undefined) out[k] = body[k];
  if (body.stop !== undefined) out.stop_sequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  return out;
}

const FINISH: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool_calls' };

export function fromAnthropic(res: Json, nowSeconds: number): Json {
  const usage = (res.usage ?? {}) as Json;
  const prompt = Number(usage.input_tokens ?? 0);
  const completion = Number(usage.output_tokens ?? 0);
  return {
    id: res.id,
    object: 'chat.completion',
    created: nowSeconds,
    model: res.model,
    choices: [{ index: 0, message: { role: 'assistant', content: text(res.content) }, finish_reason: FINISH[String(res.stop_reason)] ?? 'stop', logprobs: null }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** Translates one Anthropic stream event to OpenAI chunks; state carries id/model/usage across events. */
export interface AnthropicStreamState {
  id: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

export function anthropicEventToChunks(data: Json, state: AnthropicStreamState, nowSeconds: number): Json[] {
  const chunk = (delta: Json, finish: string | null, extra: Json = {}): Json => ({
    id: state.id, object: 'chat.completion.chunk', created: nowSeconds, model: state.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra,
  });
  switch (data.type) {
    case 'message_start': {
      const m = (data.message ?? {}) as Json;
      state.id = String(m.id ?? state.id);
      state.model = String(m.model ?? state.model);
      state.promptTokens = Number(((m.usage ?? {}) as Json).input_tokens ?? 0);
      return [chunk({ role: 'assistant', content: '' }, null)];
    }
    case 'content_block_delta': {
      const d = (data.delta ?? {}) as Json;
      return d.type === 'text_delta' ? [chunk({ content: String(d.text ?? '') }, null)] : [];
    }
    case 'message_delta': {
      state.completionTokens = Number(((data.usage ?? {}) as Json).output_tokens ?? state.completionTokens);
      const reason = FINISH[String(((data.delta ?? {}) as Json).stop_reason)] ?? 'stop';
      const p = state.promptTokens, c = state.completionTokens;
      return [chunk({}, reason, { usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c } })];
    }
    default:
      return [];
  }
}
