import { ns } from '../common/namespace.js';

/** Operator subjects of the analytics store (`portcullis analytics rebuild`); internal, not routed by the gateway. */
export const AnalyticsStoreSubjects = {
  /** Drops the store and re-ingests `LOGS` and the feedback events; answers at once with the status. */
  rebuild: ns('analytics.store.rebuild'),
  status: ns('analytics.store.status'),
} as const;

/** Where the store is: `ready` (following live), `rebuilding` (answers refused with 503), `failed`. */
export interface AnalyticsStoreStatus {
  engine: string;
  /** The replica that answered (`PORTCULLIS_ANALYTICS_REPLICA`): each keeps its own store. */
  replica: string;
  state: 'ready' | 'rebuilding' | 'failed';
  /** `LOGS` sequence applied, and (rebuilding) the one the rebuild must reach. */
  logs: { applied: number; target: number | null };
  /** Event feed position applied (feedback), and (rebuilding) the one the rebuild must reach. */
  feedback: { position: number; target: number | null };
  /** Epoch ms the current (or last) rebuild started and finished. */
  rebuildStartedAt: number | null;
  rebuildFinishedAt: number | null;
  error: string | null;
}
