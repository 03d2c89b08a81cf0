import { DomainError } from '#libs/contracts';

/**
 * How far a follower of the feed (a projection, an index, a cache) has got, and bounded waits
 * for it to pass a position: read-your-writes and catch-up are built on this.
 */
export class PositionWaiters {
  private current = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];

  constructor(private readonly what: string) {}

  get position(): number {
    return this.current;
  }

  /** Moves forward (never back) and releases every waiter at or below the new position. */
  advance(position: number): void {
    if (position <= this.current) return;
    this.current = position;
    if (!this.waiters.length) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    ready.forEach((w) => w.resolve());
  }

  /** Resets after a rebuild from zero. */
  reset(position = 0): void {
    this.current = position;
  }

  /** Resolves once `position` is passed; fails with READ_MODEL.NOT_CAUGHT_UP (503) after `timeoutMs`. */
  async waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    if (!position || this.current >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new DomainError('READ_MODEL.NOT_CAUGHT_UP', `${this.what} has not reached position ${position} yet`, 503, {
            what: this.what,
            position,
            at: this.current,
          }),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Releases every waiter (a follower that stopped for good). */
  releaseAll(): void {
    this.waiters.forEach((w) => w.resolve());
    this.waiters = [];
  }
}
