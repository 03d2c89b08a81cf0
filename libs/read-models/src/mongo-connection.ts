import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per service database. FerretDB (SQLite) speaks the same wire protocol as
 * MongoDB for everything the read models use: no transactions, no change streams.
 */
export async function connectMongo(url: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    autoIndex: false,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

/** Database names: `<prefix><service>`; the prefix lets tests and replays keep to themselves. */
export function databaseName(service: string, prefix = process.env.PORTCULLIS_DB_PREFIX ?? 'portcullis_'): string {
  return `${prefix}${service}`;
}
