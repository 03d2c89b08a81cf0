import type { Logger } from '@nestjs/common';

/**
 * Runs a store write until it succeeds (with backoff), or until its feed is stopped (then throws):
 * a batch is never dropped, so a store that is briefly unavailable delays ingestion, loses nothing.
 */
export async function retrying(what: string, write: () => Promise<void>, stopped: () => boolean, logger: Logger): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      if (attempt) logger.log(`${what} written after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}`);
      return;
    } catch (error) {
      if (stopped()) throw error;
      logger.error(`${what} could not be written (${(error as Error).message}); retrying`);
    }
    await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** Math.min(attempt, 6))));
    if (stopped()) throw new Error(`${what}: the feed stopped before the write succeeded`);
  }
}
