import { Logger } from '@nestjs/common';

/**
 * Calls `sweep` every `intervalMs`, never two at once. Services use it to act on schedules that
 * fell due (key rotations, periodic usage resets); a failed sweep is logged and retried next time.
 */
export class ScheduleSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly logger: Logger;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly sweep: () => Promise<void>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    if (this.timer || !(this.intervalMs > 0)) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One sweep now (or the one in progress). */
  runOnce(): Promise<void> {
    this.running ??= this.sweep()
      .catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
