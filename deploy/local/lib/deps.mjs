import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, log } from './log.mjs';

/**
 * Installs npm dependencies when node_modules is missing or older than the lockfile. `npm install`
 * (which follows the lockfile) rather than `npm ci`: registries that serve only this platform's
 * optional packages (swc's per-platform binaries) leave the others out of the lockfile, and
 * `npm ci` then refuses it as out of sync.
 */
export function ensureDependencies(root) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!stale) return;
  log('installing dependencies (npm install, following package-lock.json) …');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw fail(`npm install failed (exit ${result.status})`);
}

const SOURCES = ['apps', 'libs', 'bench', 'test'];

/** Compiles apps, libs and bench with swc into dist/ when a source is newer than the last build. */
export function ensureBuild(root, { force = false } = {}) {
  const stamp = join(root, 'dist', '.build-stamp');
  if (!force && existsSync(stamp) && !anyNewer(SOURCES.map((d) => join(root, d)), statSync(stamp).mtimeMs)) return;
  log('building (swc) …');
  const swc = join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js');
  const args = [
    ...SOURCES.filter((d) => existsSync(join(root, d))),
    '-d', 'dist',
    '--config-file', '.swcrc',
    '--only', '**/*.ts',
    '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,**/*.suite.ts',
    '--quiet',
  ];
  const result = spawnSync(process.execPath, [swc, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw fail(`build failed (exit ${result.status})`);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stamp, String(Date.now()));
}

function anyNewer(dirs, since) {
  const walk = (dir) => {
    if (!existsSync(dir)) return false;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && walk(path)) return true;
      } else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > since) return true;
    }
    return false;
  };
  return dirs.some(walk);
}
