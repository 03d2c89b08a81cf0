import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Stack } from './stack.js';

/** How many messages the stack's event stream holds (one per atomic append). */
export async function storedAppends(stack: Stack): Promise<number> {
  const nc = await connect({ servers: stack.config.natsUrl });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stack.config.eventStream)).state.messages;
  } finally {
    await nc.close();
  }
}
