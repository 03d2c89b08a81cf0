import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError } from '#libs/contracts';
import { toWireError } from './rpc-errors.js';

/**
 * Every error a message handler throws crosses the wire as `{code, message, status, details}`.
 * Unknown errors are logged here with their stack and sent as a bare COMMON.INTERNAL, so
 * internals never leak to callers.
 */
@Catch()
export class WireErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RPC');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (!(exception instanceof DomainError)) {
      const pattern = host.switchToRpc().getContext()?.getSubject?.() ?? 'rpc';
      this.logger.error(`${pattern}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    return throwError(() => toWireError(exception));
  }
}
