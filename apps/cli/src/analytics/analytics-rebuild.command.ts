import { AnalyticsStoreSubjects, type AnalyticsStoreStatus } from '#libs/contracts';
import type { CliCommand } from '../commands.js';
import { parseArgs } from '../shared/args.js';
import { Progress } from '../shared/progress.js';
import { withRpc } from '../shared/rpc.js';
import { logsDone, rebuildVerdict } from './rebuild-progress.js';

const POLL_MS = 500;
/** Status polls that may go unanswered in a row (a replica restarting) before giving up. */
const MAX_MISSED = 20;

/**
 * `portcullis analytics rebuild [--timeout <seconds>]`: has the running analytics service drop its
 * analytics store and ingest `LOGS` and the feedback events again, and follows it to the end with a
 * progress bar. Meanwhile the service refuses analytics queries (503) instead of answering from a
 * half-built store. Exit 1 when the service does not answer, the rebuild fails or times out.
 */
export const analyticsRebuildCommand: CliCommand = {
  name: 'analytics rebuild',
  summary: 'rebuild the analytics store from LOGS and the feedback events (progress; exit 1 on failure)',
  async run(args) {
    const { values } = parseArgs(args, { values: ['timeout'] });
    const timeoutMs = values.timeout ? Number(values.timeout) * 1000 : 24 * 3_600_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error('--timeout needs a number of seconds');
    return withRpc(async (rpc, context) => {
      const call = (subject: string) => rpc.call<AnalyticsStoreStatus>(subject, {}, context, { timeoutMs: 10_000 });
      let status: AnalyticsStoreStatus;
      try {
        status = await call(AnalyticsStoreSubjects.rebuild);
      } catch (error) {
        process.stderr.write(`the analytics service did not answer (${(error as Error).message})\n`);
        return 1;
      }
      const { replica, rebuildStartedAt } = status;
      process.stderr.write(`rebuilding the ${status.engine} analytics store of replica ${replica}\n`);
      const progress = new Progress('rebuilding analytics', status.logs.target ?? undefined, 'logs');
      const deadline = Date.now() + timeoutMs;
      for (let missed = 0; ; ) {
        const verdict = rebuildVerdict(status, replica, rebuildStartedAt!);
        if (verdict !== 'other-replica') {
          if (status.logs.target !== null) progress.setTotal(status.logs.target);
          progress.update(logsDone(status));
        }
        if (verdict === 'done') {
          progress.finish(logsDone(status));
          process.stdout.write(`analytics store rebuilt: ${status.logs.applied} LOGS sequence(s), feed position ${status.feedback.position}\n`);
          return 0;
        }
        if (verdict === 'failed') {
          process.stdout.write(`analytics rebuild failed: ${status.error ?? 'the service restarted during the rebuild; run it again'}\n`);
          return 1;
        }
        if (Date.now() > deadline) {
          process.stdout.write(`analytics rebuild not finished after ${values.timeout} s (it goes on in the service)\n`);
          return 1;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        try {
          status = await call(AnalyticsStoreSubjects.status);
          missed = 0;
        } catch (error) {
          if (++missed >= MAX_MISSED) {
            process.stdout.write(`the analytics service stopped answering (${(error as Error).message})\n`);
            return 1;
          }
        }
      }
    });
  },
};
