import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { JetStreamEventStore } from '../src/index.js';
import { describeEventStoreConformance } from '../src/testing/conformance.suite.js';
import { requireEnv } from '#libs/testing';

for (const directGet of [true, false]) {
describeEventStoreConformance(directGet ? 'JetStream (batched direct gets)' : 'JetStream (consumer reads, servers before 2.14)', async () => {
  const servers = requireEnv('NATS_URL');
  const name = `CONF_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const options = { stream: name, subjectPrefix: name.toLowerCase(), directGet };
  const store = await JetStreamEventStore.connect({ servers }, options);
  const other = await JetStreamEventStore.connect({ servers }, options);
  return {
    store,
    other,
    async cleanup() {
      await store.close();
      await other.close();
      const nc = await connect({ servers });
      await (await jetstreamManager(nc)).streams.delete(name);
      await nc.close();
    },
  };
});
}
