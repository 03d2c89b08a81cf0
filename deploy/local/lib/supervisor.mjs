import { spawn } from 'node:child_process';
import { colourFor, log, prefixLines, warn } from './log.mjs';
import { stopChild } from './infra.mjs';

const tty = process.stdout.isTTY;

/** Wires a child's stdout/stderr into prefixed lines of this process's output. */
export function prefixed(name, index) {
  const label = `[${name}]`.padEnd(13);
  const prefix = tty ? `\x1b[${colourFor(index)}m${label}\x1b[0m` : label;
  return (child) => {
    prefixLines(child.stdout, prefix, process.stdout);
    prefixLines(child.stderr, prefix, process.stderr);
  };
}

/**
 * Runs every app as a child process. A child that dies takes the whole stack down with a
 * non-zero exit; SIGINT/SIGTERM stop apps first, then the infrastructure, leaving no orphans.
 */
export class Supervisor {
  constructor() {
    this.apps = [];
    this.infra = [];
    this.stopping = false;
    this.exitCode = 0;
  }

  addInfra(name, child) {
    if (!child) return;
    this.infra.push({ name, child });
    child.once('exit', (code, signal) => this.childExited(name, code, signal));
  }

  startApp(name, script, env) {
    const child = spawn(process.execPath, ['--enable-source-maps', script], {
      env: {
        ...process.env,
        ...(tty ? {} : { NO_COLOR: '1' }),
        // Children write to a pipe: tell them whether a person reads it (pino-pretty) or not (JSON).
        PORTCULLIS_LOG_FORMAT: process.env.PORTCULLIS_LOG_FORMAT ?? (tty ? 'pretty' : 'json'),
        ...env,
        PORTCULLIS_APP: name,
        PORTCULLIS_SUPERVISOR_PID: String(process.pid),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixed(name, this.apps.length + 2)(child);
    this.apps.push({ name, child });
    child.once('exit', (code, signal) => this.childExited(name, code, signal));
    return child;
  }

  childExited(name, code, signal) {
    if (this.stopping) return;
    warn(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    this.exitCode = 1;
    void this.shutdown();
  }

  installSignalHandlers() {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        if (this.stopping) return;
        log(`${signal}: stopping …`);
        void this.shutdown();
      });
    }
  }

  async shutdown() {
    if (this.stopping) return this.done;
    this.stopping = true;
    this.done = (async () => {
      await Promise.all(this.apps.map(({ child }) => stopChild(child)));
      for (const { child } of [...this.infra].reverse()) await stopChild(child);
      log(`stopped (exit ${this.exitCode})`);
      process.exit(this.exitCode);
    })();
    return this.done;
  }
}
