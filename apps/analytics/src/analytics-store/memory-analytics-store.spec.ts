import { describeAnalyticsStoreParity } from '../../../../test/support/analytics-parity.js';
import { MemoryAnalyticsStore } from './memory-analytics-store.js';

// The harness against the oracle itself: proves the harness runs every query and that replayed
// batches do not count twice (the memory store dedupes by id like every adapter must).
describeAnalyticsStoreParity('memory reference', async () => new MemoryAnalyticsStore(), { logs: 2_000 });
