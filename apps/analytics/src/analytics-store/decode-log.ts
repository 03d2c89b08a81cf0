import type { RequestLog } from '#libs/request-logs';
import { toAnalyticsLog, type AnalyticsLog } from './analytics-store.port.js';

const NUMBERS = ['promptTokens', 'completionTokens', 'totalTokens', 'costCents', 'savedCents', 'latencyMs', 'status', 'retries', 'fallbackIndex'] as const;

/**
 * A `LOGS` message as the analytics store keeps it, or null when it cannot be one (not JSON, no id,
 * no parseable time, no tenancy): such a message is skipped, never allowed to stop ingestion.
 * Missing measures count as 0 rather than poisoning sums with NaN.
 */
export function decodeLog(seq: number, text: string): AnalyticsLog | null {
  let record: RequestLog;
  try {
    record = JSON.parse(text) as RequestLog;
  } catch {
    return null;
  }
  if (!record || typeof record !== 'object' || typeof record.id !== 'string' || !record.id) return null;
  if (typeof record.orgId !== 'string' || typeof record.workspaceId !== 'string') return null;
  const log = toAnalyticsLog(seq, record);
  if (!Number.isFinite(log.at)) return null;
  for (const k of NUMBERS) if (!Number.isFinite(log[k])) log[k] = 0;
  log.workspaceSlug ??= '';
  log.apiKeyId ??= '';
  log.traceId ??= '';
  log.cacheStatus ??= 'DISABLED';
  for (const k of ['virtualKey', 'providerSlug', 'configSlug', 'promptSlug', 'aiProvider', 'model', 'spanId'] as const) log[k] ??= null;
  return log;
}
