import { InMemoryEventStore } from '../src/index.js';
import { describeEventStoreConformance } from '../src/testing/conformance.suite.js';

describeEventStoreConformance('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});
