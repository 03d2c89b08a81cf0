import { categoryOf, type RecordedEvent } from '#libs/event-store';

const RELEVANT = new Set(['org', 'workspace', 'apiKey']);
import type { CliCommand } from '../commands.js';
import { parseArgs, required } from '../shared/args.js';
import { withInfra } from '../shared/infra.js';
import { Progress } from '../shared/progress.js';
import { workspaceAt } from './workspace-history.js';

/**
 * `portcullis state-at --time <t> --workspace <id|slug>`: the workspace's members, keys (masked)
 * and configs as they stood at that time, computed from the event store alone.
 */
export const stateAtCommand: CliCommand = {
  name: 'state-at',
  summary: "a workspace's members, keys (masked) and configs at a past time, from the event store (--time --workspace)",
  async run(args) {
    const { values } = parseArgs(args, { values: ['time', 'workspace'] });
    const at = new Date(required(values, 'time'));
    if (Number.isNaN(at.getTime())) throw new Error('--time must be an ISO-8601 time');
    const ref = required(values, 'workspace');
    return withInfra(async (infra) => {
      const head = await infra.store.headPosition();
      if (head === 0) {
        process.stderr.write('the event store is empty\n');
        return 1;
      }
      const progress = new Progress('reading events', head, 'positions');
      const events: RecordedEvent[] = [];
      // The whole feed (not filtered by category): the scan ends when it reaches the head.
      const subscription = infra.store.subscribeAll();
      const cut = at.toISOString();
      try {
        for await (const { event, position } of subscription) {
          const when = (event.metadata.occurredAt as string | undefined) ?? event.recordedAt;
          if (when <= cut && RELEVANT.has(categoryOf(event.streamName))) events.push(event);
          progress.update(position);
          if (position >= head) break;
        }
      } finally {
        await subscription.close();
      }
      progress.finish(head);
      const state = workspaceAt(events, ref);
      if (!state.workspace) {
        process.stderr.write(`no workspace ${ref} existed at ${cut}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify({ at: cut, ...state }, null, 2)}\n`);
      return 0;
    });
  },
};
