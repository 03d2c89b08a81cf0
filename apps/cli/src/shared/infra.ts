import type { Connection } from 'mongoose';
import { loadConfig, loadOrCreateSecret, type PortcullisConfig } from '#libs/config';
import { createEventStore, eventStoreConfig, type EventStore } from '#libs/event-store';
import { connectMongo } from '#libs/read-models';

export interface CliInfra {
  config: PortcullisConfig;
  store: EventStore;
  db(service: string): Promise<Connection>;
  signingKey(): string;
  close(): Promise<void>;
}

/** The deployment's event store and databases, from the same environment the services read. */
export async function openInfra(): Promise<CliInfra> {
  const config = loadConfig();
  const store = await createEventStore(eventStoreConfig(config));
  const connections = new Map<string, Connection>();
  return {
    config,
    store,
    async db(service) {
      let connection = connections.get(service);
      if (!connection) connections.set(service, (connection = await connectMongo(config.mongoUrl, `${config.dbPrefix}${service}`)));
      return connection;
    },
    signingKey: () => loadOrCreateSecret(config.dataDir, 'audit-signing-key', config.auditSigningKey),
    async close() {
      await Promise.all([...connections.values()].map((c) => c.close()));
      await store.close();
    },
  };
}

/** Runs `fn` with the infrastructure open, and always closes it. */
export async function withInfra<T>(fn: (infra: CliInfra) => Promise<T>): Promise<T> {
  const infra = await openInfra();
  try {
    return await fn(infra);
  } finally {
    await infra.close();
  }
}
