import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE_APPS = ['identity', 'workspaces', 'keys', 'analytics', 'audit'] as const;
export type AppName = (typeof SERVICE_APPS)[number] | 'gateway';

/**
 * The product as `npm start` runs it: one process per app, so each app's memory and start-up
 * can be measured on its own.
 */
export class AppProcesses {
  private readonly children = new Map<AppName, ChildProcess>();
  private readonly logs = new Map<AppName, string[]>();

  constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
  ) {}

  start(app: AppName): void {
    // BENCH_APP_NODE_ARGS passes flags to the apps only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: NODE_OPTIONS refuses them).
    const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(this.root, 'dist', 'apps', app, 'src', 'main.js')], {
      env: { ...process.env, ...this.env, PORTCULLIS_APP: app, PORTCULLIS_SUPERVISOR_PID: String(process.pid), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    this.logs.set(app, lines);
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (lines.length > 200) lines.splice(0, lines.length - 200);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.children.set(app, child);
  }

  async stop(app: AppName): Promise<void> {
    const child = this.children.get(app);
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.kill('SIGTERM');
    });
  }

  async stopAll(): Promise<void> {
    await this.stop('gateway');
    for (const app of SERVICE_APPS) await this.stop(app);
  }

  /** Resident memory of an app's process, in MB (Linux /proc). */
  rssMb(app: AppName): number | undefined {
    const pid = this.children.get(app)?.pid;
    if (!pid) return undefined;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      return Math.round(kb / 1024);
    } catch {
      return undefined;
    }
  }

  tail(app: AppName): string {
    return (this.logs.get(app) ?? []).slice(-20).join('\n');
  }
}
