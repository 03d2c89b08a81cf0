import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestLog } from '#libs/request-logs';
import { LogStore } from './log-store.js';

const log = (id: string, traceId = `tr-${id}`) => ({ id, traceId, workspaceId: 'ws_a', orgId: 'org_a' }) as unknown as RequestLog;
const fresh = () => join(mkdtempSync(join(tmpdir(), 'log-store-')), 'logs.jsonl');

describe('LogStore', () => {
  it('stores a record once however often it arrives, and its checkpoint is the last sequence applied', () => {
    const store = new LogStore(fresh());
    expect(store.open()).toBe(0);
    expect(store.append(1, log('a'))).toBe(true);
    expect(store.append(2, log('b'))).toBe(true);
    expect(store.append(3, log('a'))).toBe(false);
    expect(store.count).toBe(2);
    expect(store.checkpoint).toBe(3);
    expect(store.get('b')?.id).toBe('b');
    store.close();
  });

  it('rebuilds its index from the file at start and cuts a line torn by a kill', () => {
    const path = fresh();
    const first = new LogStore(path);
    first.open();
    first.append(1, log('a', 'trace-1'));
    first.append(2, log('b', 'trace-1'));
    first.close();
    appendFileSync(path, '{"seq":3,"log":{"id":"c"');

    const second = new LogStore(path);
    expect(second.open()).toBe(2);
    expect(second.count).toBe(2);
    expect(second.idsOfTrace('trace-1')).toEqual(['a', 'b']);
    expect(second.append(3, log('c'))).toBe(true);
    second.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; log: { id: string } });
    expect(lines.map((l) => l.log.id)).toEqual(['a', 'b', 'c']);
  });
});
