import { READ_MODELS } from '#libs/projections';
import {
  canonicalJson,
  documentHash,
  MemoryEngine,
  ProjectorRunner,
  type DeadLetter,
  type DumpEntry,
  type MemoryCollection,
  type ProjectedDocument,
  type ProjectionDefinition,
} from '#libs/read-models';
import type { CliInfra } from '../shared/infra.js';
import { Progress } from '../shared/progress.js';
import type { ReadModelAccess } from '../shared/read-model-access.js';
import type { Difference } from './compare.js';

export interface ReadModelReplay {
  label: string;
  compared: number;
  differences: Difference[];
  total: number;
  parked: DeadLetter[];
}

/**
 * Rebuilds one read model from the event store in memory (the same `evolve`, the same runner)
 * and compares it document by document with the live one, on whichever engine that lives.
 * Parked events are reported; they are differences only when live and rebuild disagree on them.
 */
export async function replayReadModel(
  infra: CliInfra,
  access: ReadModelAccess,
  service: string,
  projection: ProjectionDefinition<any>,
  head: number,
  limit = 20,
): Promise<ReadModelReplay> {
  const label = `${service}.${projection.collection}`;
  const storage = new MemoryEngine().storageFor(projection);
  const progress = new Progress(`rebuilding ${label}`, head, 'positions');
  const withProgress = new ProjectorRunner(infra.store, storage, projection, { onBatch: (p) => progress.update(p) });
  await withProgress.start();
  try {
    await withProgress.waitFor(head, 24 * 3_600_000);
  } finally {
    await withProgress.stop();
  }
  progress.finish(head);
  const rebuilt = storage.collection as MemoryCollection<ProjectedDocument>;
  const live = await access.live(service, projection);
  const differences: Difference[] = [];
  let total = 0;
  let compared = 0;
  const note = (d: Difference) => {
    total++;
    if (differences.length < limit) differences.push(d);
  };
  const a = live.entries();
  const b = (function* () {
    for (const doc of rebuilt.all()) yield { id: doc._id, pos: doc._pos ?? 0, hash: documentHash(doc) } as DumpEntry;
  })();
  let x = await a.next();
  let y = b.next();
  const differing: string[] = [];
  while (!x.done || !y.done) {
    compared++;
    if (!x.done && (y.done || x.value.id < y.value.id)) {
      // A live document changed after the replay's head is newer than anything the rebuild knows.
      if (x.value.pos <= head) note({ id: x.value.id, kind: 'missing-rebuilt' });
      x = await a.next();
    } else if (!y.done && (x.done || y.value.id < x.value.id)) {
      note({ id: y.value.id, kind: 'missing-live' });
      y = b.next();
    } else {
      if (x.value!.pos <= head && x.value!.hash !== y.value!.hash) differing.push(x.value!.id);
      x = await a.next();
      y = b.next();
    }
  }
  for (let i = 0; i < differing.length; i += 100) {
    const ids = differing.slice(i, i + 100);
    const docs = new Map((await live.docs(ids)).map((d) => [d._id, d]));
    for (const id of ids) note({ id, kind: 'differs', fields: differingFields(docs.get(id) ?? {}, rebuilt.getSync(id) ?? {}) });
  }
  const parked = await storage.deadLetters();
  const liveParked = new Set((await live.deadLetters()).map((l) => `${l.position}:${l.eventId}`));
  for (const letter of parked) if (!liveParked.has(`${letter.position}:${letter.eventId}`)) note({ id: `parked event ${letter.eventId}`, kind: 'missing-live' });
  return { label, compared, differences, total, parked };
}

function differingFields(a: object, b: object): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => canonicalJson(x[k]) !== canonicalJson(y[k])).sort();
}

/** Every (service, projection) pair the services run. */
export function readModelsToReplay(): Array<[string, ProjectionDefinition<any>]> {
  return Object.entries(READ_MODELS).flatMap(([service, projections]) => (projections as ProjectionDefinition<any>[]).map((p) => [service, p] as [string, ProjectionDefinition<any>]));
}
