import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request carries. Never a secret: ids only. */
export interface LogContext {
  requestId?: string;
  orgId?: string;
  workspaceId?: string;
  keyId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** The current request's log context (mutable: fields are filled in as the request is resolved). */
export function logContext(): LogContext | undefined {
  return storage.getStore();
}

export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** From here on in this asynchronous flow (an HTTP request's hooks and handler), lines carry `context`. */
export function enterLogContext(context: LogContext): void {
  storage.enterWith(context);
}

/** Only the fields that are set, for a log line. */
export function logFields(context: LogContext | undefined): LogContext {
  if (!context) return {};
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined && v !== null && v !== '')) as LogContext;
}
