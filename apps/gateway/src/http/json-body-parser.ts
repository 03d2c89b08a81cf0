import type { FastifyInstance } from 'fastify';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * JSON on every verb, including DELETE with an empty body (the SDK sends
 * `Content-Type: application/json` everywhere). Invalid JSON is a client error, and
 * prototype-polluting keys are dropped.
 */
export function registerJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(;.*)?$/i,
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, {});
      let parsed: unknown;
      try {
        parsed = JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value));
      } catch (error) {
        return done(clientError(`request body is not valid JSON: ${withoutSnippet((error as Error).message)}`), undefined);
      }
      // Every route takes a JSON object; `null`, arrays and bare values are refused, not coerced.
      // The one exception: `POST /v1/logs` takes an object or an array of logs (reference §2.11).
      const arrayAllowed = Array.isArray(parsed) && request.method === 'POST' && /^\/v1\/logs\/?(\?|$)/.test(request.url);
      if (parsed === null || typeof parsed !== 'object' || (Array.isArray(parsed) && !arrayAllowed)) {
        return done(clientError('request body must be a JSON object'), undefined);
      }
      done(null, parsed);
    },
  );
}

/**
 * Node's parser quotes a piece of the input in its message (`Unexpected token 's', "{"key":sk-…"
 * is not valid JSON`): the piece may be a credential, and error bodies and audit records must
 * not carry it.
 */
export function withoutSnippet(message: string): string {
  return message.replace(/, ".*"(\.\.\.)? is not valid JSON$/s, ' (not valid JSON)');
}

function clientError(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code: 'INVALID_JSON' });
}
