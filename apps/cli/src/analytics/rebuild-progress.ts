import type { AnalyticsStoreStatus } from '#libs/contracts';

/** What a status reply means for a rebuild that `replica` began at `startedAt`. */
export type RebuildVerdict = 'other-replica' | 'running' | 'done' | 'failed';

export function rebuildVerdict(status: AnalyticsStoreStatus, replica: string, startedAt: number): RebuildVerdict {
  // Status requests are load-balanced over the replicas: only the one rebuilding can answer for it.
  if (status.replica !== replica) return 'other-replica';
  if (status.rebuildStartedAt !== startedAt) return 'failed';
  if (status.state === 'failed') return 'failed';
  return status.state === 'ready' ? 'done' : 'running';
}

/** Progress in `LOGS` records, the bulk of a rebuild (feedback is small beside it). */
export const logsDone = (status: AnalyticsStoreStatus) => Math.min(status.logs.applied, status.logs.target ?? status.logs.applied);
