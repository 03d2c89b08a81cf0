import { verifyAuditChains } from '#libs/audit';
import type { CliCommand } from '../commands.js';
import { parseArgs } from '../shared/args.js';
import { withInfra } from '../shared/infra.js';
import { Progress } from '../shared/progress.js';

/** `portcullis audit verify [--org <id>]`: recomputes every hash chain; exit 1 at the first break. */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'recompute the audit hash chains and report the first broken link (--org <id>)',
  async run(args) {
    const { values } = parseArgs(args, { values: ['org'] });
    return withInfra(async (infra) => {
      const db = await infra.db('audit');
      const total = await db.collection('audit_logs').countDocuments(values.org ? { org_key: values.org } : {});
      const progress = new Progress('verifying', total, 'records');
      const report = await verifyAuditChains(db, { signingKey: infra.signingKey(), orgKey: values.org, onProgress: (n) => progress.update(n) });
      progress.finish(report.records);
      if (report.ok) {
        process.stdout.write(`ok: ${report.records} records in ${report.chains} chain(s), every link holds\n`);
        return 0;
      }
      const b = report.firstBroken!;
      process.stdout.write(`BROKEN: chain ${b.org_key}, record ${b.id} (seq ${b.seq}): ${b.reason}\n`);
      return 1;
    });
  },
};
