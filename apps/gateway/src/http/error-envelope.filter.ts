import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '#libs/contracts';
import { logFields } from '#libs/logging';
import { portkeyCode, portkeyError } from './portkey-error.js';
import type { OutcomeRecorder } from '../audit/outcome-recorder.js';

/**
 * Every error leaves the gateway in Portkey's envelope `{success:false, data:{message, errorCode}}`.
 * Client mistakes (bad JSON, oversized bodies, wrong content) are 400 AB01, never 500; unknown
 * failures are logged with their stack and answered 500 AB04 without internals.
 */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly outcomes?: OutcomeRecorder) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, message, code } = describe(exception);
    if (status >= 500 && !(exception instanceof DomainError && exception.code.startsWith('RPC.'))) {
      this.logger.error({ msg: 'request failed', status, error: (exception as Error)?.stack ?? String(exception), ...logFields(request.edge?.log) });
    }
    const details = exception instanceof DomainError ? exception.details : undefined;
    // The outcome is on record before the client hears it.
    void (this.outcomes?.record(request, status, code, message, details) ?? Promise.resolve()).finally(() => {
      if (typeof details?.retryAfterSeconds === 'number') void reply.header('retry-after', String(details.retryAfterSeconds));
      void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(portkeyError(message, code));
    });
  }
}

const KEPT_CLIENT_STATUSES = new Set([401, 402, 403, 404, 409, 429]);

export function describe(exception: unknown): { status: number; message: string; code: string } {
  if (exception instanceof DomainError) {
    const status = exception.status;
    const code = typeof exception.details?.errorCode === 'string' ? exception.details.errorCode : portkeyCode(status);
    return { status, message: exception.message, code };
  }
  if (exception instanceof HttpException) {
    // Oversized bodies, unsupported media types and the like are plain client errors: 400 AB01.
    const original = exception.getStatus();
    const status = original >= 400 && original < 500 && !KEPT_CLIENT_STATUSES.has(original) ? 400 : original;
    const response = exception.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
    return { status, message, code: portkeyCode(status) };
  }
  const fastify = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    // Body parsing and size limits: the client sent something unusable.
    return { status: 400, message: clientMessage(fastify), code: 'AB01' };
  }
  return { status: 500, message: 'internal error', code: 'AB04' };
}

function clientMessage(error: { code?: string; message?: string }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type: send application/json';
    case 'INVALID_JSON':
      return error.message ?? 'request body is not valid JSON';
    default:
      return error.message ?? 'bad request';
  }
}
