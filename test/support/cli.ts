import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { requireEnv } from '#libs/testing';
import type { Stack } from './stack.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `portcullis …` as an operator would, pointed at the stack's store and databases. */
export function portcullis(stack: Stack, args: string[]): Promise<CliResult> {
  const root = requireEnv('PORTCULLIS_ROOT');
  const child = spawn(process.execPath, [join(root, 'apps', 'cli', 'bin', 'portcullis.mjs'), ...args], {
    cwd: root,
    env: {
      ...process.env,
      NATS_URL: stack.config.natsUrl,
      MONGO_URL: stack.config.mongoUrl,
      PORTCULLIS_DB_PREFIX: stack.config.dbPrefix,
      PORTCULLIS_EVENT_STREAM: stack.config.eventStream,
      PORTCULLIS_LOGS_STREAM: stack.config.logsStream,
      PORTCULLIS_LOGS_SUBJECT_PREFIX: stack.config.logsSubjectPrefix,
      PORTCULLIS_EVENT_SUBJECT_PREFIX: stack.config.eventSubjectPrefix,
      PORTCULLIS_DATA_DIR: stack.config.dataDir,
      PORTCULLIS_QUERY_ENGINE: stack.config.queryEngine,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}
