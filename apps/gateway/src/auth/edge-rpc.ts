import { Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';
import { CacheInvalidator } from './cache-invalidator.js';

const MAX_TRACKED = 100_000;

/**
 * Commands and queries from the edge. Read-your-writes: the position of each principal's last
 * write is remembered, and that principal's next queries wait (bounded) until the read models
 * have passed it. A client on another replica can pass `x-portcullis-min-position`.
 */
@Injectable()
export class EdgeRpc {
  private readonly positions = new Map<string, number>();

  constructor(
    readonly rpc: RpcClient,
    private readonly invalidator: CacheInvalidator,
  ) {}

  /** A command; its answer waits until this gateway's caches reflect what it changed. */
  async command<T>(subject: string, payload: unknown, context: RequestContext): Promise<T> {
    const result = await this.rpc.call<CommandResult<T>>(subject, payload, context);
    this.remember(context, result.position);
    await this.invalidator.waitFor(result.position);
    return result.data;
  }

  async query<T>(subject: string, payload: unknown, context: RequestContext): Promise<T> {
    const tracked = this.positions.get(this.who(context)) ?? 0;
    return this.rpc.call<T>(subject, payload, { ...context, minPosition: Math.max(tracked, context.minPosition ?? 0) || undefined });
  }

  private remember(context: RequestContext, position: number): void {
    if (!position) return;
    const who = this.who(context);
    if (this.positions.size >= MAX_TRACKED && !this.positions.has(who)) this.positions.delete(this.positions.keys().next().value!);
    this.positions.set(who, Math.max(position, this.positions.get(who) ?? 0));
  }

  private who(context: RequestContext): string {
    return context.principal?.keyId ?? `ip:${context.clientIp ?? ''}`;
  }
}
