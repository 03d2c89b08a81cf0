import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake upstream saw: enough to prove the decrypted secret arrived and nothing else did. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeUpstream {
  url: string;
  seen: SeenRequest[];
  /** Answers the next `count` requests with this status (and optional retry-after). */
  failNext(count: number, status: number, retryAfter?: string): void;
  close(): Promise<void>;
}

type Handler = (req: SeenRequest, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<FakeUpstream> {
  const seen: SeenRequest[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      seen.push(request);
      const fail = failures.shift();
      if (fail) {
        res.writeHead(fail.status, { 'content-type': 'application/json', ...(fail.retryAfter ? { 'retry-after': fail.retryAfter } : {}) });
        res.end(JSON.stringify({ error: { message: `fake failure ${fail.status}`, type: 'fake' } }));
        return;
      }
      handler(request, res);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    failNext: (count, status, retryAfter) => {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfter });
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** An OpenAI-compatible upstream: chat (JSON and SSE), completions, embeddings. `name` marks answers. */
export function fakeOpenAi(name = 'openai'): Promise<FakeUpstream> {
  return serve((req, res) => {
    const model = String(req.body.model ?? 'gpt-4o-mini');
    if (req.path.endsWith('/embeddings')) return json(res, { object: 'list', model, data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] }], usage: { prompt_tokens: 4, total_tokens: 4 } });
    if (req.path.endsWith('/completions') && !req.path.endsWith('/chat/completions')) {
      return json(res, { id: 'cmpl-1', object: 'text_completion', created: 1, model, choices: [{ index: 0, text: `${name}:text`, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } });
    }
    const messages = (req.body.messages ?? []) as { content?: string }[];
    const reply = `${name}:${messages.at(-1)?.content ?? ''}`;
    if (req.body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: unknown, finish: string | null, extra = {}) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      const rest = () => {
        for (const word of reply.split(':')) res.write(chunk({ content: word }, null));
        res.write(chunk({}, 'stop', { usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } }));
        res.end('data: [DONE]\n\n');
      };
      // `slow-*` models hold the rest of the stream back: the relay must not wait for it.
      if (model.startsWith('slow')) setTimeout(rest, 600);
      else rest();
      return;
    }
    json(res, { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } });
  });
}

/** Anthropic's Messages API (JSON and its event stream). */
export function fakeAnthropic(): Promise<FakeUpstream> {
  return serve((req, res) => {
    const model = String(req.body.model ?? 'claude-3-5-haiku');
    const text = `anthropic:${String(((req.body.messages ?? []) as { content?: string }[]).at(-1)?.content ?? '')}`;
    if (req.body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const ev = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify({ type, ...(data as object) })}\n\n`;
      res.write(ev('message_start', { message: { id: 'msg_1', model, usage: { input_tokens: 7, output_tokens: 0 } } }));
      res.write(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
      res.write(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
      res.write(ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }));
      res.end(ev('message_stop', {}));
      return;
    }
    json(res, { id: 'msg_1', type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', usage: { input_tokens: 7, output_tokens: 9 } });
  });
}
