import { DomainError, isWireError, type WireError } from '#libs/contracts';

/** The RPC request did not get an answer in time (service down, overloaded or partitioned). */
export class RpcTimeoutError extends DomainError {
  constructor(subject: string, timeoutMs: number) {
    super('RPC.TIMEOUT', `no answer on ${subject} within ${timeoutMs} ms`, 503, { subject, timeoutMs });
    this.name = 'RpcTimeoutError';
  }
}

/** Turns whatever came back over the wire into a typed error the caller can switch on. */
export function toDomainError(error: unknown, subject: string): DomainError {
  if (error instanceof DomainError) return error;
  if (isWireError(error)) return DomainError.fromWire(error);
  // Nest's default RPC filter shape, or a transport failure.
  const message = (error as { message?: string })?.message ?? String(error);
  if (isNoResponders(error)) {
    return new DomainError('RPC.NO_RESPONDERS', `no service is listening on ${subject}`, 503, { subject });
  }
  return new DomainError('RPC.REMOTE_FAILURE', `${subject}: ${message}`, 500);
}

/** The error a service sends back: known rules keep their code; the unknown become INTERNAL. */
export function toWireError(error: unknown): WireError {
  if (error instanceof DomainError) return error.toWire();
  if (isWireError(error)) return error;
  return { code: 'COMMON.INTERNAL', message: 'internal error', status: 500 };
}

/** NATS answers at once (status 503) when no subscriber exists for a request subject. */
function isNoResponders(error: unknown): boolean {
  const e = error as { code?: unknown; message?: string; constructor?: { name?: string } };
  return (
    e?.constructor?.name === 'EmptyResponseException' ||
    /no responders|no subscribers listening/i.test(e?.message ?? '') ||
    String(e?.code) === '503'
  );
}
