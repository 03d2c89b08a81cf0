/** A denial as it will be recorded, built only when needed. */
export interface DenialDraft {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface RepeatedDenials {
  draft: DenialDraft;
  count: number;
  firstAt: string;
  lastAt: string;
}

interface Window {
  startedAt: number;
  repeats?: { draft: DenialDraft; count: number; first: number; last: number };
}

/**
 * Repeated denials from one source (client IP, organisation, status) within a window become one
 * audit event: the first denial is recorded at once, the repeats of the window as a single event
 * with their count and first and last time, when the window ends. Nothing is lost, and a flood
 * costs the store a few events per source and window instead of one per request.
 */
export class DenialAggregator {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: { windowMs: number; maxSources?: number },
    private readonly sink: { first(draft: DenialDraft): Promise<void>; repeated(batch: RepeatedDenials): Promise<void> },
    private readonly now: () => number = Date.now,
  ) {}

  /** One denial; resolves once a first denial is on record (repeats are held for their window). */
  async denied(source: string, build: () => DenialDraft): Promise<void> {
    const now = this.now();
    const window = this.windows.get(source);
    if (window && now - window.startedAt < this.options.windowMs) {
      if (window.repeats) {
        window.repeats.count++;
        window.repeats.last = now;
      } else {
        window.repeats = { draft: build(), count: 1, first: now, last: now };
      }
      return;
    }
    // The map changes only synchronously, before any await: concurrent denials of the same
    // source then count in the new window, never in one that is being written out.
    this.windows.set(source, { startedAt: now });
    const ended: Window[] = window ? [window] : [];
    if (this.windows.size > (this.options.maxSources ?? 10_000)) {
      const [oldest, w] = this.windows.entries().next().value!;
      this.windows.delete(oldest);
      ended.push(w);
    }
    await Promise.all([...ended.map((w) => this.emit(w)), this.sink.first(build())]);
  }

  /** Records the repeats of every window that has ended (called on a timer). */
  async flushEnded(): Promise<void> {
    const now = this.now();
    const ended: Window[] = [];
    for (const [source, window] of this.windows) {
      if (now - window.startedAt >= this.options.windowMs) {
        this.windows.delete(source);
        ended.push(window);
      }
    }
    await Promise.all(ended.map((w) => this.emit(w)));
  }

  /** Records every pending repeat (shutdown). */
  async flushAll(): Promise<void> {
    const all = [...this.windows.values()];
    this.windows.clear();
    await Promise.all(all.map((w) => this.emit(w)));
  }

  get pendingSources(): number {
    return this.windows.size;
  }

  private async emit(window: Window): Promise<void> {
    const r = window.repeats;
    if (!r) return;
    await this.sink.repeated({ draft: r.draft, count: r.count, firstAt: new Date(r.first).toISOString(), lastAt: new Date(r.last).toISOString() });
  }
}
