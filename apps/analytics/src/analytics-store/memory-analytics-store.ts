import type { AggregateQuery, AggregateResult, AnalyticsFeedback, AnalyticsLog, AnalyticsStore } from './analytics-store.port.js';
import { referenceAggregate } from './reference-aggregate.js';

/**
 * The reference computation behind the store port, in memory and unpersisted: the oracle of the
 * parity and reconciliation suites, and a store for unit tests of the routes. Not for production.
 */
export class MemoryAnalyticsStore implements AnalyticsStore {
  readonly name = 'memory-reference';
  readonly percentileRelativeError = 0;
  private logs = new Map<string, AnalyticsLog>();
  private feedback = new Map<string, AnalyticsFeedback>();
  private seq = 0;
  private position = 0;

  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async checkpoint(): Promise<number> {
    return this.seq;
  }
  async ingestLogs(logs: AnalyticsLog[]): Promise<void> {
    for (const l of logs) {
      if (!this.logs.has(l.id)) this.logs.set(l.id, l);
      this.seq = Math.max(this.seq, l.seq);
    }
  }
  async upsertFeedback(feedback: AnalyticsFeedback[], position: number): Promise<void> {
    for (const f of feedback) this.feedback.set(f.id, f);
    this.position = position;
  }
  async feedbackPosition(): Promise<number> {
    return this.position;
  }
  async newestAt(): Promise<number | null> {
    let newest: number | null = null;
    for (const l of this.logs.values()) if (newest === null || l.at > newest) newest = l.at;
    return newest;
  }
  async aggregate(query: AggregateQuery): Promise<AggregateResult> {
    return referenceAggregate([...this.logs.values()], [...this.feedback.values()], query);
  }
  async clear(): Promise<void> {
    this.logs.clear();
    this.feedback.clear();
    this.seq = 0;
    this.position = 0;
  }
  async sizeBytes(): Promise<number | null> {
    return null;
  }
}
