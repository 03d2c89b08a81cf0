import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { Row } from './harness.js';

const fmt = (n: unknown, digits = 2) => (typeof n === 'number' ? (n >= 100 ? n.toFixed(0) : n.toFixed(digits)) : '');

/** Prints the table and writes the JSON results file. */
export function report(rows: Row[], file: string, meta: Record<string, unknown>): void {
  const header = ['suite', 'case', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'ops', 'note'];
  const lines = rows.map((r) => [r.suite, r.case, fmt(r.opsPerSec, 1), fmt(r.p50Ms, 3), fmt(r.p95Ms, 3), fmt(r.p99Ms, 3), String(r.ops ?? ''), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(line).join('\n')}\n\n`);
  mkdirSync(dirname(file), { recursive: true });
  const environment = { node: process.version, cpus: cpus().length, loadavg: loadavg(), at: new Date().toISOString(), ...meta };
  writeFileSync(file, `${JSON.stringify({ environment, rows }, null, 2)}\n`);
  process.stdout.write(`written to ${file}\n`);
}
