import { describe, expect, it } from '@jest/globals';
import type { AnalyticsStoreStatus } from '#libs/contracts';
import { logsDone, rebuildVerdict } from './rebuild-progress.js';

const status = (over: Partial<AnalyticsStoreStatus> = {}): AnalyticsStoreStatus => ({
  engine: 'duckdb', replica: 'r0', state: 'rebuilding', logs: { applied: 10, target: 100 }, feedback: { position: 0, target: 5 },
  rebuildStartedAt: 1_000, rebuildFinishedAt: null, error: null, ...over,
});

describe('following a rebuild from status replies', () => {
  it('a reply from another replica says nothing about this rebuild (status calls are load-balanced)', () => {
    expect(rebuildVerdict(status({ replica: 'r1', state: 'ready' }), 'r0', 1_000)).toBe('other-replica');
  });

  it('the rebuilding replica reports running, then done once ready', () => {
    expect(rebuildVerdict(status(), 'r0', 1_000)).toBe('running');
    expect(rebuildVerdict(status({ state: 'ready', rebuildFinishedAt: 2_000 }), 'r0', 1_000)).toBe('done');
  });

  it('a failed rebuild, or a replica that restarted since (no such rebuild any more), is a failure', () => {
    expect(rebuildVerdict(status({ state: 'failed', error: 'disk full' }), 'r0', 1_000)).toBe('failed');
    expect(rebuildVerdict(status({ state: 'ready', rebuildStartedAt: null }), 'r0', 1_000)).toBe('failed');
  });

  it('progress counts LOGS records, never past the target', () => {
    expect(logsDone(status({ logs: { applied: 150, target: 100 } }))).toBe(100);
    expect(logsDone(status({ logs: { applied: 40, target: null } }))).toBe(40);
  });
});
