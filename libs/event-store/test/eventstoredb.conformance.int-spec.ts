import { EventStoreDbEventStore } from '../src/index.js';
import { describeEventStoreConformance } from '../src/testing/conformance.suite.js';
import { dockerAvailability } from '#libs/testing';

/**
 * Needs a server: EVENT_STORE_URL=esdb://… (e.g. esdb://127.0.0.1:2113?tls=false), or a Docker
 * engine for testcontainers. Without either, the suite reports itself skipped with the reason.
 */
const url = process.env.EVENT_STORE_URL?.startsWith('esdb') ? process.env.EVENT_STORE_URL : undefined;
const docker = url ? undefined : await dockerAvailability();
const skipReason =
  url || docker?.available
    ? undefined
    : `no EVENT_STORE_URL=esdb://… is set and ${docker?.reason}; KurrentDB/EventStoreDB cannot be started here`;

describeEventStoreConformance(
  'EventStoreDB',
  async () => {
    if (url) {
      const store = await EventStoreDbEventStore.connect(url);
      const other = await EventStoreDbEventStore.connect(url);
      return { store, other, cleanup: async () => void (await Promise.all([store.close(), other.close()])) };
    }
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('docker.kurrent.io/kurrent-latest/kurrentdb:latest')
      .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forLogMessage(/IS LEADER|is leader/i))
      .start();
    const connection = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    const store = await EventStoreDbEventStore.connect(connection);
    const other = await EventStoreDbEventStore.connect(connection);
    return {
      store,
      other,
      async cleanup() {
        await Promise.all([store.close(), other.close()]);
        await container.stop();
      },
    };
  },
  skipReason,
);
