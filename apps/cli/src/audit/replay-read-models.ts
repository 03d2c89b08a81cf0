import { projectionSubjects } from '#libs/read-models';
import type { CliInfra } from '../shared/infra.js';
import { ReadModelAccess } from '../shared/read-model-access.js';
import { readModelsToReplay, replayReadModel } from './read-model-replay.js';

/**
 * `audit replay --all`, the read-model half: every read model rebuilt and compared; with --swap,
 * each service with differences rebuilds its read models from the events. Returns the count of
 * differences.
 */
export async function replayReadModels(infra: CliInfra, head: number, swap: boolean): Promise<number> {
  const access = new ReadModelAccess(infra);
  let differences = 0;
  const needRebuild = new Set<string>();
  try {
    for (const [service, projection] of readModelsToReplay()) {
      const result = await replayReadModel(infra, access, service, projection, head);
      differences += result.total;
      if (result.total) needRebuild.add(service);
      process.stdout.write(`${result.label}: ${result.compared} document(s) compared, ${result.total} difference(s)\n`);
      for (const d of result.differences) {
        process.stdout.write(`  ${d.kind === 'differs' ? `${d.id} differs in ${d.fields!.join(', ')}` : d.kind === 'missing-live' ? `${d.id} is missing from the live read model` : `${d.id} is in the live read model only`}\n`);
      }
      if (result.total > result.differences.length) process.stdout.write(`  … and ${result.total - result.differences.length} more\n`);
      for (const l of result.parked) process.stdout.write(`  parked: ${l.eventType} ${l.eventId} at position ${l.position} (${l.streamName}): ${l.error}\n`);
    }
    if (swap) {
      for (const service of needRebuild) {
        await access.call(projectionSubjects(service).rebuild, {}, 15 * 60_000);
        process.stdout.write(`  ${service}: read models rebuilt from the events\n`);
      }
    }
  } finally {
    await access.close();
  }
  return differences;
}
