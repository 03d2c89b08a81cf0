#!/usr/bin/env node
// The bench's upstream: an OpenAI-compatible server on loopback that answers at once, in its own
// process so its work never shares an event loop with what is measured. Prints its port.
// Chat completions (JSON, or SSE when `stream: true`: 10 chunks 2 ms apart, usage in the last)
// and embeddings. Counts requests and the bearer it was given (GET /stats).
import { createServer } from 'node:http';

let requests = 0;
const bearers = new Map();
const completion = (model) =>
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the bench upstream.' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
  });

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ requests, bearers: Object.fromEntries(bearers) }));
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    requests++;
    const auth = req.headers.authorization ?? req.headers['api-key'] ?? '';
    bearers.set(auth, (bearers.get(auth) ?? 0) + 1);
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json"}}');
      return;
    }
    const model = body.model ?? 'gpt-4o-mini';
    if (req.url?.endsWith('/embeddings')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', model, data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] }], usage: { prompt_tokens: 3, total_tokens: 3 } }));
      return;
    }
    if (!body.stream) {
      res.setHeader('content-type', 'application/json');
      res.end(completion(model));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let i = 0;
    const send = () => {
      const last = i === 9;
      const chunk = {
        id: 'chatcmpl-bench',
        object: 'chat.completion.chunk',
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: 'tok ' } : { content: 'tok ' }, finish_reason: last ? 'stop' : null }],
        ...(last ? { usage: { prompt_tokens: 12, completion_tokens: 10, total_tokens: 22 } } : {}),
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (last) {
        res.end('data: [DONE]\n\n');
        return;
      }
      i++;
      setTimeout(send, Number(process.env.FAKE_CHUNK_GAP_MS ?? 2));
    };
    send();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
