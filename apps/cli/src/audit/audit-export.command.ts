import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AUDIT_COLLECTION, toAuditView, type AuditRecord } from '#libs/audit';
import type { CliCommand } from '../commands.js';
import { parseArgs, required } from '../shared/args.js';
import { withInfra } from '../shared/infra.js';
import { Progress } from '../shared/progress.js';

const CSV_FIELDS = [
  'id', 'seq', 'timestamp', 'method', 'uri', 'request_id', 'user_id', 'user_type', 'api_key_id', 'organisation_id', 'workspace_id',
  'response_status_code', 'resource_type', 'resource_id', 'action', 'client_ip', 'user_agent', 'country', 'request_body',
  'query_params', 'request_headers', 'prev_hash', 'hash',
] as const;

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * `portcullis audit export --from <time> --to <time> --format jsonl|csv [--out file] [--org id]`:
 * streams records (oldest first) to a file or stdout, with their chain fields for independent checks.
 */
export const auditExportCommand: CliCommand = {
  name: 'audit export',
  summary: 'stream audit records to a file or stdout (--from --to --format jsonl|csv [--out] [--org])',
  async run(args) {
    const { values } = parseArgs(args, { values: ['from', 'to', 'format', 'out', 'org'] });
    const from = new Date(required(values, 'from'));
    const to = new Date(required(values, 'to'));
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new Error('--from and --to must be ISO-8601 times');
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new Error('--format must be jsonl or csv');
    return withInfra(async (infra) => {
      const collection = (await infra.db('audit')).collection<AuditRecord>(AUDIT_COLLECTION);
      const filter: Record<string, unknown> = { timestamp: { $gte: from.toISOString(), $lte: to.toISOString() } };
      if (values.org) filter.organisation_id = values.org;
      const progress = new Progress('exporting', await collection.countDocuments(filter), 'records');
      const out: Writable = values.out ? createWriteStream(values.out, { mode: 0o600 }) : process.stdout;
      const write = async (line: string) => {
        if (!out.write(line)) await once(out, 'drain');
      };
      if (format === 'csv') await write(`${CSV_FIELDS.join(',')}\n`);
      let n = 0;
      for await (const record of collection.find(filter).sort({ timestamp: 1, org_key: 1, seq: 1 })) {
        const view = toAuditView(record) as unknown as Record<string, unknown>;
        await write(format === 'csv' ? `${CSV_FIELDS.map((f) => csvCell(view[f])).join(',')}\n` : `${JSON.stringify(view)}\n`);
        progress.update(++n);
      }
      if (values.out) {
        out.end();
        await once(out, 'finish');
      }
      progress.finish(n);
      return 0;
    });
  },
};
