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
    (_request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, {});
      try {
        done(null, JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value)));
      } catch (error) {
        const invalid = new Error(`request body is not valid JSON: ${(error as Error).message}`) as Error & {
          statusCode: number;
          code: string;
        };
        invalid.statusCode = 400;
        invalid.code = 'INVALID_JSON';
        done(invalid, undefined);
      }
    },
  );
}
