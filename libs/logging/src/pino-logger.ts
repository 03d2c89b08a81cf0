import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { logContext, logFields } from './log-context.js';

export interface PinoLoggerOptions {
  service: string;
  level?: string;
  /** `pretty` (default when stdout is a terminal) or `json`. */
  format?: 'pretty' | 'json';
  destination?: DestinationStream;
}

/**
 * Nest's logger as structured JSON lines (pino): service, context, and the request's id,
 * organisation, workspace and key id when a line is written during a request. On a terminal
 * the same lines are printed by pino-pretty. Objects are logged as fields, strings as `msg`.
 */
export class PinoLoggerService implements LoggerService {
  readonly pino: Logger;

  constructor(options: PinoLoggerOptions) {
    const env = process.env.PORTCULLIS_LOG_FORMAT;
    const format = options.format ?? (env === 'json' || env === 'pretty' ? env : process.stdout.isTTY ? 'pretty' : 'json');
    const destination = options.destination ?? (format === 'pretty' ? pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l' }) : pino.destination({ fd: 1, sync: false }));
    this.pino = pino(
      {
        level: options.level ?? process.env.LOG_LEVEL ?? 'info',
        base: { service: options.service, pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        mixin: () => logFields(logContext()),
        // A field that must never reach a log, whatever a caller passes.
        redact: { paths: ['key', 'apiKey', 'secret', 'token', 'password', '*.key', '*.secret', '*.token', 'headers["x-portkey-api-key"]'], censor: '[REDACTED]' },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    // Nest passes the context (the logger's name) last; errors may pass a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? (rest[0] as string) : undefined;
    if (message instanceof Error) return this.pino[level]({ context, err: message });
    if (message !== null && typeof message === 'object') return this.pino[level]({ context, ...(message as Record<string, unknown>) });
    this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
