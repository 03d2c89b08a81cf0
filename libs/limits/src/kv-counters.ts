import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Counters in a JetStream key-value bucket (the KV wire layout: stream `KV_<bucket>`, subjects
 * `$KV.<bucket>.<key>`, one message kept per key), shared by every gateway replica. Every change
 * is a compare-and-set on the key's last sequence, retried on conflict, so concurrent callers on
 * any number of processes never lose or double an increment.
 */
export class KvCounters {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly bucket: string,
  ) {}

  /** `maxAgeMs` 0: counters are kept until replaced (usage that accumulates for ever must not expire). */
  static async open(nc: NatsConnection, bucket = 'PORTCULLIS_LIMITS', maxAgeMs = 8 * 24 * 3600_000): Promise<KvCounters> {
    const jsm = await jetstreamManager(nc);
    const name = `KV_${bucket}`;
    const config = {
      name,
      subjects: [`$KV.${bucket}.>`],
      max_msgs_per_subject: 1,
      // Window counters are worthless once their window is over (the longest, rpw, is 7 days).
      max_age: maxAgeMs * 1_000_000,
      allow_rollup_hdrs: true,
      deny_delete: true,
      allow_direct: true,
      discard: 'new' as const,
    };
    try {
      await jsm.streams.info(name);
    } catch {
      await jsm.streams.add(config as never).catch(async (error: Error) => {
        // Another replica created it first.
        if (!/already in use|exists/i.test(error.message)) throw error;
      });
    }
    return new KvCounters(jetstream(nc), jsm, bucket);
  }

  /** The counter's value and the sequence a compare-and-set must name (0: absent). */
  async read(key: string): Promise<{ value: number; revision: number }> {
    try {
      const m = await this.jsm.streams.getMessage(`KV_${this.bucket}`, { last_by_subj: this.subject(key) });
      if (!m) return { value: 0, revision: 0 };
      return { value: Number(new TextDecoder().decode(m.data)) || 0, revision: m.seq };
    } catch (error) {
      if (/no message found|not found/i.test((error as Error).message)) return { value: 0, revision: 0 };
      throw error;
    }
  }

  /**
   * Adds `delta` unless `refuse(current)` says no; returns the value after, or null if refused.
   * Retries on a lost race with a short randomised back-off.
   */
  async add(key: string, delta: number, refuse: (current: number) => boolean = () => false, maxAttempts = 200): Promise<number | null> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const { value, revision } = await this.read(key);
      if (refuse(value)) return null;
      const next = value + delta;
      try {
        await this.js.publish(this.subject(key), String(next), { expect: { lastSubjectSequence: revision } });
        return next;
      } catch (error) {
        if (!/wrong last sequence/i.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, 1 + attempt)));
      }
    }
    throw new Error(`counter ${key}: too much contention after ${maxAttempts} attempts`);
  }

  /** Writes `text` under `key` only if the key is absent; true if this call wrote it (exactly one writer wins). */
  async create(key: string, text: string): Promise<boolean> {
    try {
      await this.js.publish(this.subject(key), text, { expect: { lastSubjectSequence: 0 } });
      return true;
    } catch (error) {
      if (/wrong last sequence/i.test((error as Error).message)) return false;
      throw error;
    }
  }

  /** The text under `key`, or null. */
  async text(key: string): Promise<string | null> {
    try {
      const m = await this.jsm.streams.getMessage(`KV_${this.bucket}`, { last_by_subj: this.subject(key) });
      return m ? new TextDecoder().decode(m.data) : null;
    } catch (error) {
      if (/no message found|not found/i.test((error as Error).message)) return null;
      throw error;
    }
  }

  /**
   * Every entry under `prefix.` (a server-side filtered scan by batched direct gets; `limit` bounds
   * it). Meant for write-once entries such as policy entities, not for hot counters.
   */
  async list(prefix: string, limit = 100_000): Promise<Array<{ key: string; text: string }>> {
    const out: Array<{ key: string; text: string }> = [];
    const head = `$KV.${this.bucket}.`;
    let seq = 1;
    while (out.length < limit) {
      let received = 0;
      let pending = 0;
      try {
        const batch = await this.jsm.direct.getBatch(`KV_${this.bucket}`, { seq, next_by_subj: `${head}${prefix}.>`, batch: 500 });
        for await (const m of batch) {
          received++;
          pending = m.pending;
          seq = m.seq + 1;
          out.push({ key: m.subject.slice(head.length), text: new TextDecoder().decode(m.data) });
        }
      } catch (error) {
        if (!/no message found|not found|404/i.test((error as Error).message)) throw error;
      }
      if (received === 0 || pending <= 0) break;
    }
    return out;
  }

  private subject(key: string): string {
    return `$KV.${this.bucket}.${key}`;
  }
}
