/**
 * Progress for long commands: a bar with rate and ETA on a terminal (stderr), plain lines
 * every few seconds otherwise, so logs of scripted runs stay readable.
 */
export class Progress {
  private readonly started = Date.now();
  private lastPrint = 0;
  private done = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly label: string,
    private total?: number,
    private readonly unit = 'events',
  ) {}

  setTotal(total: number): void {
    this.total = total;
  }

  update(done: number): void {
    this.done = done;
    const now = Date.now();
    if (now - this.lastPrint < (this.tty ? 100 : 5_000)) return;
    this.lastPrint = now;
    this.print(false);
  }

  finish(done = this.done): void {
    this.done = done;
    this.print(true);
  }

  private print(final: boolean): void {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const rate = this.done / seconds;
    const total = this.total && this.total > 0 ? this.total : undefined;
    const fraction = total ? Math.min(1, this.done / total) : undefined;
    const eta = total && rate > 0 ? Math.max(0, (total - this.done) / rate) : undefined;
    const count = total ? `${this.done.toLocaleString('en')}/${total.toLocaleString('en')}` : this.done.toLocaleString('en');
    const tail = `${count} ${this.unit}, ${Math.round(rate).toLocaleString('en')}/s${eta !== undefined && !final ? `, ETA ${formatSeconds(eta)}` : ''}${final ? ` in ${formatSeconds(seconds)}` : ''}`;
    if (this.tty) {
      const width = 30;
      const filled = fraction !== undefined ? Math.round(fraction * width) : 0;
      const bar = fraction !== undefined ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ` : '';
      process.stderr.write(`\r${this.label} ${bar}${tail}\x1b[K${final ? '\n' : ''}`);
    } else {
      process.stderr.write(`${this.label}: ${fraction !== undefined ? `${Math.floor(fraction * 100)}% ` : ''}${tail}\n`);
    }
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
