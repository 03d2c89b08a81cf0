import type { JetStreamManager } from '@nats-io/jetstream';

const atOf = (text: string): number | null => {
  try {
    const at = Date.parse((JSON.parse(text) as { createdAt?: string }).createdAt ?? '');
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
};

/**
 * Milliseconds between the newest record on `LOGS` and the newest the store applied: 0 once the
 * store has applied the stream's last sequence. With nothing applied yet, the oldest record still
 * waiting stands in for "the newest applied" (the whole backlog is the lag).
 */
export async function streamLagMs(jsm: JetStreamManager, stream: string, applied: number, newestApplied: () => Promise<number | null>): Promise<number> {
  const { state } = await jsm.streams.info(stream);
  if (applied >= state.last_seq || state.messages === 0) return 0;
  const last = await jsm.streams.getMessage(stream, { seq: state.last_seq }).catch(() => null);
  const newest = last ? atOf(last.string()) : null;
  if (newest === null) return 0;
  let reference = await newestApplied();
  if (reference === null) {
    const first = await jsm.streams.getMessage(stream, { seq: Math.max(applied + 1, state.first_seq) }).catch(() => null);
    reference = first ? atOf(first.string()) : null;
  }
  return reference === null ? 0 : Math.max(0, newest - reference);
}
