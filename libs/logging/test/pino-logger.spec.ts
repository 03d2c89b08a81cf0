import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { PinoLoggerService, runWithLogContext } from '../src/index.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: new PinoLoggerService({ service: 'test', format: 'json', destination }) };
}

describe('structured logs', () => {
  it('a line written during a request carries its id, organisation, workspace and key id', () => {
    const { lines, logger } = capture();
    runWithLogContext({ requestId: 'r1', orgId: 'o1', workspaceId: 'w1', keyId: 'k1' }, () => logger.log('listed workspaces', 'workspaces'));
    logger.warn('outside any request', 'boot');
    expect(lines[0]).toMatchObject({ msg: 'listed workspaces', context: 'workspaces', service: 'test', requestId: 'r1', orgId: 'o1', workspaceId: 'w1', keyId: 'k1', level: 30 });
    expect(lines[1]).toMatchObject({ msg: 'outside any request', context: 'boot', level: 40 });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('objects become fields; secret-named fields are censored', () => {
    const { lines, logger } = capture();
    logger.log({ msg: 'request', status: 401, key: 'pc_wss_secret', headers: { 'x-portkey-api-key': 'pc_x' } }, 'http');
    expect(lines[0]).toMatchObject({ msg: 'request', status: 401, key: '[REDACTED]', headers: { 'x-portkey-api-key': '[REDACTED]' } });
    expect(JSON.stringify(lines[0])).not.toContain('pc_wss_secret');
  });
});

describe("RPC handlers log inside the caller's context", () => {
  it('a line a service writes while handling an RPC names the request, organisation, workspace and key', async () => {
    const { RpcLogContextInterceptor } = await import('../src/index.js');
    const { Observable, lastValueFrom } = await import('rxjs');
    const { lines, logger } = capture();
    const rpc = { context: { requestId: 'r9', principal: { kind: 'api_key', orgId: 'o9', workspaceId: 'w9', keyId: 'k9' } }, payload: {} };
    const execution = { switchToRpc: () => ({ getData: () => rpc }) } as never;
    // The handler logs later, from a timer: the context must survive the asynchronous hop.
    const handler = {
      handle: () =>
        new Observable<string>((s) => {
          setTimeout(() => {
            logger.log('handled', 'keys');
            s.next('ok');
            s.complete();
          }, 1);
        }),
    };
    await lastValueFrom(new RpcLogContextInterceptor().intercept(execution, handler));
    expect(lines[0]).toMatchObject({ msg: 'handled', requestId: 'r9', orgId: 'o9', workspaceId: 'w9', keyId: 'k9' });
  });
});
