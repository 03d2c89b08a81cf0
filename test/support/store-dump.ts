import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import mongoose from 'mongoose';
import type { Stack } from './stack.js';

/** Every stored event message of the stack, raw (headers and body as text). */
export async function dumpEventStore(stack: Stack): Promise<string> {
  const nc = await connect({ servers: stack.config.natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stack.config.eventStream);
    const parts: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const msg = await jsm.streams.getMessage(stack.config.eventStream, { seq }).catch(() => null);
      if (msg) parts.push(`${msg.subject} ${msg.header ? [...msg.header.keys()].map((k) => `${k}=${msg.header!.get(k)}`).join(' ') : ''} ${new TextDecoder().decode(msg.data)}`);
    }
    return parts.join('\n');
  } finally {
    await nc.close();
  }
}

/** Every document of every database the stack's services own, as JSON. */
export async function dumpDatabases(stack: Stack): Promise<string> {
  const connection = await mongoose.createConnection(stack.config.mongoUrl).asPromise();
  try {
    const parts: string[] = [];
    for (const service of ['identity', 'workspaces', 'keys', 'analytics', 'audit']) {
      const db = connection.useDb(`${stack.config.dbPrefix}${service}`);
      for (const { name } of await db.db!.listCollections().toArray()) {
        const docs = await db.collection(name).find().toArray();
        parts.push(`${service}.${name} ${JSON.stringify(docs)}`);
      }
    }
    return parts.join('\n');
  } finally {
    await connection.close();
  }
}
