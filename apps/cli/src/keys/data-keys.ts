import { foldState, type EventStore } from '#libs/event-store';
import { DATA_KEY_CATEGORY, dataKeyDecider, dataKeyStream, type DataKeyState } from '#libs/secrets';
import { Progress } from '../shared/progress.js';

export interface StoredDataKey {
  key: NonNullable<DataKeyState['key']>;
  revision: number;
}

/**
 * Every organisation's data key as the store holds it now (streams `dataKey-<org>`). The feed is
 * read to the head unfiltered: a category filter cannot tell "caught up" from "no such events".
 */
export async function readDataKeys(store: EventStore): Promise<StoredDataKey[]> {
  const head = await store.headPosition();
  const orgIds = new Set<string>();
  if (head > 0) {
    const progress = new Progress('finding data keys', head, 'positions');
    const feed = store.subscribeAll();
    try {
      for await (const { event, position } of feed) {
        if (event.streamName.startsWith(`${DATA_KEY_CATEGORY}-`)) orgIds.add((event.data as { orgId: string }).orgId);
        progress.update(position);
        if (position >= head) break;
      }
    } finally {
      await feed.close();
    }
    progress.finish(head);
  }
  const keys: StoredDataKey[] = [];
  for (const orgId of orgIds) {
    const events = await store.readStream(dataKeyStream(orgId));
    const state = foldState(dataKeyDecider, events);
    if (state.key) keys.push({ key: state.key, revision: events.at(-1)!.revision });
  }
  return keys;
}
