import type { FastifyReply } from 'fastify';
import { anthropicEventToChunks, chunkText, estimatePromptTokens, estimateTokens, SseParser, sseData, usageFrom, type AnthropicStreamState, type TokenUsage } from '#libs/routing';
import type { UpstreamAnswer } from './upstream-call.js';
import type { UpstreamResponse } from './upstream-http.js';

/**
 * Relays an upstream event stream chunk by chunk: OpenAI-shaped bytes are written as they arrive
 * (parsed alongside only to learn usage), Anthropic events are translated to OpenAI chunks. Usage
 * comes from the final chunk, else it is counted. A client that leaves aborts the upstream read.
 */
export async function relayStream(
  upstream: UpstreamResponse,
  answer: UpstreamAnswer,
  requestBody: Record<string, unknown>,
  reply: FastifyReply,
  headers: Record<string, string>,
  done: (usage: TokenUsage, model: string | null) => void,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const parser = new SseParser();
  const anthropic = answer.request.dialect === 'anthropic';
  const state: AnthropicStreamState = { id: '', model: String(requestBody.model ?? ''), promptTokens: 0, completionTokens: 0 };
  let usage: TokenUsage | null = null;
  let model: string | null = typeof requestBody.model === 'string' ? requestBody.model : null;
  let text = '';
  const now = Math.floor(Date.now() / 1000);
  try {
    for await (const bytes of upstream.body) {
      if (raw.destroyed) break;
      const events = parser.push(bytes);
      if (!anthropic) raw.write(bytes);
      for (const event of events) {
        if (!event.data || event.data === '[DONE]') continue;
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(event.data) as Record<string, unknown>;
        } catch {
          continue;
        }
        const chunks = anthropic ? anthropicEventToChunks(data, state, now) : [data];
        for (const chunk of chunks) {
          if (anthropic) raw.write(sseData(chunk));
          usage = usageFrom(chunk) ?? usage;
          if (typeof chunk.model === 'string') model = chunk.model;
          text += chunkText(chunk);
        }
      }
    }
    if (anthropic && !raw.destroyed) raw.write(sseData('[DONE]'));
  } catch {
    // The client left (abort) or the upstream broke off: what was relayed stands.
  } finally {
    if (!raw.destroyed) raw.end();
    const prompt = estimatePromptTokens(requestBody);
    const completion = estimateTokens(text);
    done(usage ?? { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion }, model);
  }
}
