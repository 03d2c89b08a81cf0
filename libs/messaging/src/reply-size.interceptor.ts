import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { DomainError } from '#libs/contracts';

/** NATS refuses larger messages; its default is 1 MiB (`npm start` runs its own server at 8 MiB). */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/** The RPC envelope and headers around a reply. */
const ENVELOPE_BYTES = 16 * 1024;

export function maxReplyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.PORTCULLIS_NATS_MAX_PAYLOAD);
  return (Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_PAYLOAD) - ENVELOPE_BYTES;
}

/**
 * A reply the bus cannot carry would never arrive: the caller would wait out its timeout and
 * answer 503. This turns it into an immediate, named error instead (ask for a smaller page).
 */
@Injectable()
export class ReplySizeGuard implements NestInterceptor {
  constructor(private readonly limit = maxReplyBytes()) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((reply) => {
        const bytes = reply === undefined ? 0 : Buffer.byteLength(JSON.stringify(reply));
        if (bytes > this.limit) {
          throw new DomainError('RPC.REPLY_TOO_LARGE', `the answer is ${bytes} bytes, more than the bus carries (${this.limit}); ask for a smaller page`, 500, { bytes, limit: this.limit });
        }
        return reply;
      }),
    );
  }
}
