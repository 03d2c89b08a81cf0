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
