import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, relative } from 'node:path';

/** An executable on PATH (or at an explicit path), or undefined. */
export function findExecutable(name: string, explicit?: string): string | undefined {
  const candidates = explicit ? [explicit] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** SHA-256 over every file of the tree (paths and contents, sorted), so any change rebuilds. */
export function treeHash(root: string, extra: string): string {
  const hash = createHash('sha256').update(extra);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === '.git') return [];
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [path];
    });
  for (const file of walk(root).sort()) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Where compiled test binaries live: outside the clone, so every worktree and run shares them. */
export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'portcullis', 'terraform-provider');
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/**
 * The provider's compiled acceptance-test binary (`go test -c`), keyed by the provider source
 * and the Go version: compiled once (about a minute on two cores), reused by later runs.
 */
export async function ensureTestBinary(providerDir: string, go: string): Promise<{ binary: string; compiled: boolean }> {
  const goVersion = (await run(go, ['version'], { cwd: providerDir })).output.trim();
  const dir = join(cacheDir(), treeHash(providerDir, goVersion));
  const binary = join(dir, 'provider.test');
  if (existsSync(binary)) return { binary, compiled: false };
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const built = await run(go, ['test', '-c', '-o', partial, './internal/provider/'], { cwd: providerDir });
  if (built.code !== 0) throw new Error(`go test -c failed (exit ${built.code}):\n${built.output.slice(-4000)}`);
  // A rename is atomic: a concurrent run sees either no binary or a whole one.
  renameSync(partial, binary);
  return { binary, compiled: true };
}
