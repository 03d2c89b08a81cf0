import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runWithLogContext } from './log-context.js';

interface Caller {
  requestId?: string;
  principal?: { orgId?: string; workspaceId?: string | null; keyId?: string };
  onBehalfOf?: { orgId?: string; workspaceId?: string | null; keyId?: string };
}

/** A service handles each RPC inside the caller's log context, so its lines name the request. */
@Injectable()
export class RpcLogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const caller = (context.switchToRpc().getData() as { context?: Caller } | undefined)?.context;
    if (!caller) return next.handle();
    const who = caller.onBehalfOf ?? caller.principal;
    const fields = { requestId: caller.requestId, orgId: who?.orgId, workspaceId: who?.workspaceId ?? undefined, keyId: who?.keyId };
    return new Observable((subscriber) => runWithLogContext(fields, () => next.handle().subscribe(subscriber)));
  }
}
