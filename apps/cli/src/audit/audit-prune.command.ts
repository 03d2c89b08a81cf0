import { join } from 'node:path';
import { pruneAuditLog } from '#libs/audit';
import type { CliCommand } from '../commands.js';
import { parseArgs } from '../shared/args.js';
import { withInfra } from '../shared/infra.js';

/**
 * `portcullis audit prune --before <time> | --days <n>`: the retention step by hand: archive the
 * older records to JSONL with a signed chain checkpoint, then delete them from the live log.
 */
export const auditPruneCommand: CliCommand = {
  name: 'audit prune',
  summary: 'archive and prune audit records older than --before <time> or --days <n>',
  async run(args) {
    const { values } = parseArgs(args, { values: ['before', 'days'] });
    return withInfra(async (infra) => {
      const cutoff = values.before
        ? new Date(values.before).toISOString()
        : values.days
          ? new Date(infra.config.clock() - Number(values.days) * 86_400_000).toISOString()
          : undefined;
      if (!cutoff) throw new Error('--before <time> or --days <n> is required');
      const report = await pruneAuditLog(await infra.db('audit'), {
        cutoff,
        archiveDir: join(infra.config.dataDir, 'audit-archive'),
        signingKey: infra.signingKey(),
      });
      process.stdout.write(`archived and pruned ${report.archived} record(s) of ${report.chains} chain(s) older than ${cutoff}\n`);
      for (const file of report.files) process.stdout.write(`  ${file}\n`);
      return 0;
    });
  },
};
