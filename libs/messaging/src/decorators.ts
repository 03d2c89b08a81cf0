import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { RequestContext, RpcRequest } from '#libs/contracts';
import { rpcValidationPipe } from './validation.js';

/** The validated DTO of an RPC envelope `{ context, payload }`. */
export const RpcPayload = () => Payload('payload', rpcValidationPipe);

/** The caller's request context (principal, request id, client IP …) of an RPC envelope. */
export const RpcCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const data = ctx.switchToRpc().getData<Partial<RpcRequest>>();
  const context = (data?.context ?? {}) as RequestContext;
  return { ...context, requestId: context.requestId ?? 'unknown', correlationId: context.correlationId ?? context.requestId ?? 'unknown' };
});
