/**
 * Errors that cross service boundaries. Every rule a service enforces throws a `DomainError`
 * with a stable code (`WORKSPACES.SLUG_TAKEN`) and the HTTP status the gateway should answer.
 */
export interface WireError {
  code: string;
  message: string;
  status: number;
  details?: Record<string, unknown>;
}

export class DomainError extends Error implements WireError {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, status: this.status, ...(this.details ? { details: this.details } : {}) };
  }

  static fromWire(wire: WireError): DomainError {
    return new DomainError(wire.code, wire.message, wire.status, wire.details);
  }
}

export const isWireError = (value: unknown): value is WireError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as WireError).code === 'string' &&
  typeof (value as WireError).message === 'string' &&
  typeof (value as WireError).status === 'number';

export const notFound = (what: string, id: string, code = 'COMMON.NOT_FOUND') =>
  new DomainError(code, `${what} ${id} was not found`, 404, { resource: what, id });

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 409, details);

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 400, details);

export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 403, details);
