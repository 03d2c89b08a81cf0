import type { DuckDBAppender } from '@duckdb/node-api';
import type { AnalyticsFeedback, AnalyticsLog } from '../analytics-store.port.js';

const text = (a: DuckDBAppender, v: string | null | undefined) => (v === null || v === undefined ? a.appendNull() : a.appendVarchar(v));
const int = (a: DuckDBAppender, v: number) => (Number.isSafeInteger(v) ? a.appendInteger(v) : a.appendNull());

/** One staging row of `logs_in`, in `LOG_COLUMNS` order after `n`; metadata as JSON text (cast to a MAP on insert). */
export function appendLog(a: DuckDBAppender, n: number, l: AnalyticsLog): void {
  a.appendInteger(n);
  a.appendVarchar(l.id);
  a.appendBigInt(BigInt(l.seq));
  a.appendBigInt(BigInt(Math.floor(l.at)));
  a.appendVarchar(l.orgId);
  a.appendVarchar(l.workspaceId);
  text(a, l.workspaceSlug);
  text(a, l.apiKeyId);
  text(a, l.user);
  text(a, l.virtualKey);
  text(a, l.providerSlug);
  text(a, l.configSlug);
  text(a, l.promptSlug);
  text(a, l.aiProvider);
  text(a, l.model);
  a.appendDouble(l.promptTokens);
  a.appendDouble(l.completionTokens);
  a.appendDouble(l.totalTokens);
  a.appendDouble(l.costCents);
  a.appendInteger(Math.round(l.latencyMs));
  int(a, l.status);
  int(a, l.retries);
  int(a, l.fallbackIndex);
  text(a, l.cacheStatus);
  text(a, l.traceId);
  text(a, l.spanId);
  a.appendVarchar(JSON.stringify(l.metadata ?? {}));
  a.appendDouble(l.savedCents ?? 0);
  a.endRow();
}

export function appendFeedback(a: DuckDBAppender, n: number, f: AnalyticsFeedback): void {
  a.appendInteger(n);
  a.appendVarchar(f.id);
  a.appendVarchar(f.orgId);
  a.appendVarchar(f.workspaceId);
  a.appendVarchar(f.traceId);
  a.appendDouble(f.value);
  a.appendDouble(f.weight);
  a.appendBigInt(BigInt(Math.floor(f.at)));
  a.endRow();
}
