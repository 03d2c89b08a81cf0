import { READ_MODELS } from '#libs/projections';
import { projectionSubjects, type DeadLetter, type ProjectionStatus } from '#libs/read-models';
import type { CliCommand } from '../commands.js';
import { withInfra } from '../shared/infra.js';
import { ReadModelAccess } from '../shared/read-model-access.js';

interface StatusReply {
  service: string;
  engine: string;
  projections: ProjectionStatus[];
  deadLetters: DeadLetter[];
}

/**
 * `portcullis projections status`: every service's read models (engine, position, state) and the
 * events they parked. Exit 1 when a service does not answer.
 */
export const projectionsStatusCommand: CliCommand = {
  name: 'projections status',
  summary: "every read model's position and state, and the events parked (dead letters)",
  async run() {
    return withInfra(async (infra) => {
      const access = new ReadModelAccess(infra);
      let code = 0;
      try {
        const head = await infra.store.headPosition();
        process.stdout.write(`event store head: position ${head}\n`);
        for (const service of Object.keys(READ_MODELS)) {
          let reply: StatusReply;
          try {
            reply = await access.call<StatusReply>(projectionSubjects(service).status, {}, 5_000);
          } catch (error) {
            process.stdout.write(`${service}: no answer (${(error as Error).message})\n`);
            code = 1;
            continue;
          }
          process.stdout.write(`${service} (${reply.engine} engine)\n`);
          for (const p of reply.projections) {
            process.stdout.write(`  ${p.projection.padEnd(34)} position ${String(p.position).padStart(8)}  ${p.state.padEnd(8)} parked ${p.parked}${p.lastError && p.state === 'failing' ? `  last error: ${p.lastError}` : ''}\n`);
          }
          for (const l of reply.deadLetters) {
            process.stdout.write(`  parked: ${l.projection} position ${l.position} ${l.eventType} ${l.eventId} (${l.streamName}), documents ${l.keys.join(', ') || '-'}, ${l.attempts} attempt(s): ${l.error}\n`);
          }
        }
      } finally {
        await access.close();
      }
      return code;
    });
  },
};
