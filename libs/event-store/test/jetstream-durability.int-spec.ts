import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { JetStreamEventStore } from '../src/index.js';
import { PrivateNatsServer } from '#libs/testing';

describe('JetStream event store durability', () => {
  it('every acknowledged append survives nats-server being SIGKILLed between appends', async () => {
    const server = await PrivateNatsServer.start();
    const acknowledged: Array<{ stream: string; id: string }> = [];
    try {
      for (let round = 0; round < 3; round++) {
        const store = await JetStreamEventStore.connect({ servers: server.url });
        for (let i = 0; i < 200; i++) {
          const stream = `durable-${i % 7}`;
          const id = randomUUID();
          await store.append(stream, [{ id, type: 'Appended', data: { round, i } }]);
          acknowledged.push({ stream, id });
        }
        // No drain, no flush: the server dies right after the last acknowledgement.
        await server.kill();
        await store.close().catch(() => undefined);
        await server.restart();
      }
      const store = await JetStreamEventStore.connect({ servers: server.url });
      try {
        const found = new Set<string>();
        for (let s = 0; s < 7; s++) for (const e of await store.readStream(`durable-${s}`)) found.add(e.id);
        const lost = acknowledged.filter((a) => !found.has(a.id));
        expect(acknowledged).toHaveLength(600);
        expect(lost).toEqual([]);
        // Revisions stay dense after restarts: no gaps, no duplicates.
        const revisions = (await store.readStream('durable-0')).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => i));
      } finally {
        await store.close();
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
