import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { RequestContext, RpcRequest } from '#libs/contracts';
import { METRICS, type ServiceMetrics } from '#libs/metrics';
import { RpcTimeoutError, toDomainError } from './rpc-errors.js';

export const NATS_CLIENT = Symbol('NATS_CLIENT');
export const RPC_DEFAULT_TIMEOUT_MS = 5_000;

export interface CallOptions {
  timeoutMs?: number;
}

/**
 * Request/reply over NATS through @nestjs/microservices. Every call carries the caller's
 * request context; failures come back as typed `DomainError`s (remote rule violations keep
 * their code; a silent service becomes RPC.TIMEOUT).
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Optional() @Inject(METRICS) private readonly metrics?: ServiceMetrics,
  ) {}

  async call<T>(subject: string, payload: unknown, context: RequestContext, options: CallOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? RPC_DEFAULT_TIMEOUT_MS;
    const request: RpcRequest = { context, payload: payload ?? {} };
    const end = this.metrics?.rpcDuration.startTimer({ subject });
    try {
      const reply = await firstValueFrom(this.client.send<T, RpcRequest>(subject, request).pipe(timeout(timeoutMs)));
      end?.({ outcome: 'ok' });
      return reply;
    } catch (error) {
      // A rule a service enforced (a 4xx) is a served call; only timeouts and failures are not.
      const served = !(error instanceof TimeoutError) && (toDomainError(error, subject).status ?? 500) < 500;
      end?.({ outcome: error instanceof TimeoutError ? 'timeout' : served ? 'ok' : 'error' });
      if (error instanceof TimeoutError) throw new RpcTimeoutError(subject, timeoutMs);
      throw toDomainError(error, subject);
    }
  }

  /** Fire-and-forget event (no reply expected). */
  async emit(subject: string, payload: unknown, context: RequestContext): Promise<void> {
    await firstValueFrom(this.client.emit(subject, { context, payload }), { defaultValue: undefined });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
