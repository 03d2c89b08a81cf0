/** The analytics store the service queries (an `AnalyticsStore`, chosen by `PORTCULLIS_ANALYTICS_ENGINE`). */
export const ANALYTICS_STORE = Symbol('ANALYTICS_STORE');

/** How fresh the store is: what the analytics routes wait for and report. Provided by the ingest. */
export interface AnalyticsFreshness {
  /** Waits (bounded) until the store has applied everything `LOGS` holds now. */
  catchUp(timeoutMs?: number): Promise<void>;
  /** Milliseconds between the newest log on `LOGS` and the newest the store applied (0 when level). */
  lagMs(): Promise<number>;
}
export const ANALYTICS_FRESHNESS = Symbol('ANALYTICS_FRESHNESS');
