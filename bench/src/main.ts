import 'reflect-metadata';
import { join } from 'node:path';
import type { Row } from './harness.js';
import { report } from './report.js';
import { analyticsBench, duckDbAdapter, mongoAdapter } from './suites/analytics.bench.js';
import { completionsBench } from './suites/completions.bench.js';
import { auditBench } from './suites/audit.bench.js';
import { authBench } from './suites/auth.bench.js';
import { denialFloodBench } from './suites/denial-flood.bench.js';
import { eventStoreBench } from './suites/event-store.bench.js';
import { projectionBench } from './suites/projection.bench.js';
import { rpcBench } from './suites/rpc.bench.js';
import { scaleBench } from './suites/scale.bench.js';
import { resourcesBench } from './suites/resources.bench.js';

const natsUrl = process.env.NATS_URL!;
const mongoUrl = process.env.MONGO_URL!;
const dbKind = process.env.PORTCULLIS_DB_KIND ?? 'mongodb';
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const wanted = (name: string) => !only.length || only.includes(name);

const suites: Array<[string, () => Promise<Row[]>]> = [
  ['rpc', () => rpcBench(natsUrl)],
  ['event-store', () => eventStoreBench(natsUrl)],
  ['projection', () => projectionBench(natsUrl, mongoUrl, dbKind)],
  ['auth', () => authBench()],
  ['audit', () => auditBench(natsUrl, mongoUrl, dbKind)],
  ['resources', () => resourcesBench()],
  ['scale', () => scaleBench({ root: process.env.PORTCULLIS_ROOT ?? process.cwd(), natsUrl, mongoUrl })],
  ['denial-flood', () => denialFloodBench()],
  ['completions', () => completionsBench({ root: process.env.PORTCULLIS_ROOT ?? process.cwd(), natsUrl, mongoUrl })],
  ['analytics', () => analyticsBench([duckDbAdapter(), mongoAdapter(mongoUrl)])],
];

const rows: Row[] = [];
for (const [name, suite] of suites) if (wanted(name)) rows.push(...(await suite()));
report(rows, join(process.env.PORTCULLIS_ROOT ?? process.cwd(), 'bench', 'results', 'latest.json'), { dbKind, natsUrl: 'local', suites: only.length ? only : 'all' });
process.exit(0);
