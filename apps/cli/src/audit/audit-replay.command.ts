import type { Connection } from 'mongoose';
import { AUDIT_COLLECTION, AuditProjector, type ChainCheckpoint } from '#libs/audit';
import { CheckpointStore } from '#libs/read-models';
import type { CliCommand } from '../commands.js';
import { parseArgs } from '../shared/args.js';
import { withInfra, type CliInfra } from '../shared/infra.js';
import { Progress } from '../shared/progress.js';
import { compareCollections, type Difference } from './compare.js';
import { replayReadModels } from './replay-read-models.js';

interface Target {
  service: string;
  collection: string;
  label: string;
  rebuild(into: string, head: number, progress: Progress): Promise<void>;
  positionField: string;
  /** After a swap: apply what arrived after `head` to the swapped-in collection. */
  catchUp(head: number): Promise<void>;
}

/**
 * `portcullis audit replay [--all] [--swap]`: rebuilds the audit log (and with --all every read
 * model) from the event store into fresh collections, compares them with the live ones and
 * reports every difference (exit 1 if any). --swap then puts the rebuilt audit log in place (and,
 * with --all, has every service rebuild its read models). Parked events are listed, not counted.
 */
export const auditReplayCommand: CliCommand = {
  name: 'audit replay',
  summary: 'rebuild the audit log (--all: every read model) from the events, compare, optionally --swap',
  async run(args) {
    const { flags } = parseArgs(args, { flags: ['all', 'swap'] });
    return withInfra(async (infra) => {
      const stamp = Date.now().toString(36);
      const head = await infra.store.headPosition();
      process.stderr.write(`replaying the event store up to position ${head}\n`);
      const targets = [await auditTarget(infra)];
      let differences = 0;
      for (const target of targets) {
        const db = await infra.db(target.service);
        const rebuilt = `${target.collection}__replay_${stamp}`;
        const progress = new Progress(`rebuilding ${target.label}`, head, 'positions');
        await target.rebuild(rebuilt, head, progress);
        progress.finish(head);
        const result = await compareCollections(db.collection(target.collection), db.collection(rebuilt), target.positionField, head);
        differences += result.total;
        report(target.label, result);
        if (flags.has('swap')) {
          await swap(db, target.collection, rebuilt, stamp);
          await target.catchUp(head);
          process.stdout.write(`  swapped: ${target.collection} is now the rebuilt collection (the old one is ${target.collection}__old_${stamp})\n`);
        } else {
          await db.collection(rebuilt).drop();
        }
        // The rebuild's chain heads (audit only) served their purpose.
        await db.collection(`${rebuilt}_heads`).drop().catch(() => undefined);
      }
      if (flags.has('all')) differences += await replayReadModels(infra, head, flags.has('swap'));
      process.stdout.write(differences ? `${differences} difference(s)\n` : 'no differences\n');
      return differences ? 1 : 0;
    });
  },
};

async function auditTarget(infra: CliInfra): Promise<Target> {
  const db = await infra.db('audit');
  const pruned = new Map(
    (await db.collection<ChainCheckpoint>(`${AUDIT_COLLECTION}_checkpoints`).find().toArray()).map((c) => [c.org_key, c.seq] as const),
  );
  return {
    service: 'audit',
    collection: AUDIT_COLLECTION,
    label: 'audit log',
    positionField: 'position',
    async rebuild(into, head, progress) {
      const projector = new AuditProjector(infra.store, db, {
        collection: into,
        checkpointId: `replay-${into}`,
        prunedThrough: pruned,
        failFast: true,
        onBatch: (position) => progress.update(position),
      });
      await runUntil(projector, head);
      await new CheckpointStore(db).reset(`replay-${into}`);
    },
    async catchUp(head) {
      const id = `replay-catch-up-${Date.now()}`;
      await new CheckpointStore(db).save(id, head);
      const projector = new AuditProjector(infra.store, db, { checkpointId: id, failFast: true });
      await runUntil(projector, await infra.store.headPosition());
      await new CheckpointStore(db).reset(id);
    },
  };
}

async function runUntil(projector: { start(): Promise<void>; stop(): Promise<void>; waitFor(p: number, t?: number): Promise<void> }, head: number) {
  await projector.start();
  try {
    await projector.waitFor(head, 24 * 3600_000);
  } finally {
    await projector.stop();
  }
  const failure = (projector as { failure?: Error }).failure;
  if (failure) throw failure;
}

async function swap(db: Connection, live: string, rebuilt: string, stamp: string): Promise<void> {
  const admin = db.db!;
  const exists = (await admin.listCollections({ name: live }).toArray()).length > 0;
  if (exists) await admin.renameCollection(live, `${live}__old_${stamp}`);
  await admin.renameCollection(rebuilt, live);
}

function report(label: string, result: { compared: number; differences: Difference[]; total: number }): void {
  process.stdout.write(`${label}: ${result.compared} document(s) compared, ${result.total} difference(s)\n`);
  for (const d of result.differences) {
    process.stdout.write(`  ${d.kind === 'differs' ? `${d.id} differs in ${d.fields!.join(', ')}` : d.kind === 'missing-live' ? `${d.id} is missing from the live collection` : `${d.id} is in the live collection only`}\n`);
  }
  if (result.total > result.differences.length) process.stdout.write(`  … and ${result.total - result.differences.length} more\n`);
}
