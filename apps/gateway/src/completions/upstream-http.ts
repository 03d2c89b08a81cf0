import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * What the completion path needs of an upstream's answer. Calls go through node:http with
 * keep-alive agents rather than `fetch`: on this path fetch's WHATWG streams and header objects
 * cost about as much again as the rest of the gateway's work per call (measured by the
 * `completions` bench).
 */
export interface UpstreamResponse {
  status: number;
  ok: boolean;
  header(name: string): string | null;
  text(): Promise<string>;
  /** The body as it arrives (server-sent events are relayed from here). */
  body: AsyncIterable<Buffer>;
  /** Drops the answer (an attempt that fallback or retry moves past). */
  cancel(): void;
}

// Sockets stay open between calls; the bound keeps one busy upstream from holding every socket.
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 1024, keepAliveMsecs: 10_000 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 1024, keepAliveMsecs: 10_000 }),
};

export function postJson(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') return reject(new Error(`unsupported upstream protocol ${target.protocol}`));
    const send = secure ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', agent: agents[target.protocol as 'http:' | 'https:'], headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      resolve(wrap(res));
    });
    const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => signal.removeEventListener('abort', onAbort));
    req.once('error', reject);
    req.end(body);
  });
}

function wrap(res: IncomingMessage): UpstreamResponse {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    header: (name) => {
      const value = res.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    text: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    body: res,
    cancel: () => res.destroy(),
  };
}
