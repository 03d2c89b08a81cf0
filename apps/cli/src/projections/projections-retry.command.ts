import { READ_MODELS } from '#libs/projections';
import { projectionSubjects, type DeadLetter } from '#libs/read-models';
import type { CliCommand } from '../commands.js';
import { withInfra } from '../shared/infra.js';
import { ReadModelAccess } from '../shared/read-model-access.js';

interface RetryReply {
  service: string;
  results: Array<{ projection: string; retried: number; applied: number; stillParked: DeadLetter[] }>;
}

/**
 * `portcullis projections retry`: every service re-applies its parked events with the code it now
 * runs (after a fix). Exit 1 when some are still parked or a service does not answer.
 */
export const projectionsRetryCommand: CliCommand = {
  name: 'projections retry',
  summary: 're-apply parked events after a fix (exit 1 if any stay parked)',
  async run() {
    return withInfra(async (infra) => {
      const access = new ReadModelAccess(infra);
      let code = 0;
      try {
        for (const service of Object.keys(READ_MODELS)) {
          let reply: RetryReply;
          try {
            reply = await access.call<RetryReply>(projectionSubjects(service).retry, {}, 15 * 60_000);
          } catch (error) {
            process.stdout.write(`${service}: no answer (${(error as Error).message})\n`);
            code = 1;
            continue;
          }
          for (const r of reply.results) {
            if (!r.retried) continue;
            process.stdout.write(`${service} ${r.projection}: ${r.retried} retried, ${r.applied} applied, ${r.stillParked.length} still parked\n`);
            for (const l of r.stillParked) process.stdout.write(`  still parked: position ${l.position} ${l.eventType} ${l.eventId}: ${l.error}\n`);
            if (r.stillParked.length) code = 1;
          }
        }
        if (code === 0) process.stdout.write('nothing parked\n');
      } finally {
        await access.close();
      }
      return code;
    });
  },
};
