import { resolve } from 'node:path';

/** Process configuration, from the environment (README.md lists every variable). */
export interface PortcullisConfig {
  natsUrl: string;
  mongoUrl: string;
  /** Unset: JetStream. `esdb://…`: EventStoreDB / KurrentDB. */
  eventStoreUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  /** Prefix of every service database name (tests isolate themselves with it). */
  dbPrefix: string;
  bootstrapAdminKey?: string;
  /** Proxies whose X-Forwarded-For is believed (comma list of IPs; "loopback" for 127.0.0.1/::1). */
  trustedProxies: string[];
  /** Subject/stream names for the event store (tests isolate themselves with it). */
  eventStream: string;
  eventSubjectPrefix: string;
  /** The JetStream stream of request logs (data-plane telemetry) and its subject prefix. */
  logsStream: string;
  logsSubjectPrefix: string;
  /** Base URL printed in invite links (default http://127.0.0.1:$PORT). */
  publicUrl: string;
  inviteTtlMs: number;
  bootstrapOrgName: string;
  bootstrapOwnerEmail: string;
  /** Server pepper for API-key digests; generated into the data directory when unset. */
  keyPepper?: string;
  /**
   * Master key wrapping the organisations' data keys, which encrypt provider credentials: 32
   * bytes as 64 hex characters or base64. Generated into the data directory when unset.
   */
  masterKey?: string;
  /**
   * Milliseconds since the epoch. Only tests replace it (to live through a 30-minute key
   * rotation or a 7-day invite in a second); everything that judges validity reads it.
   */
  clock: () => number;
  /** Key signing retention checkpoints of the audit chain; generated into the data dir when unset. */
  auditSigningKey?: string;
  /** Audit records older than this many days are archived and pruned; unset keeps them forever. */
  auditRetentionDays?: number;
  /**
   * Where read models live and queries run: `memory` (ordered in-memory indexes, snapshotted to the
   * data directory), `mongo` (indexed MongoDB collections), `auto` (mongo on a real MongoDB,
   * memory on FerretDB, which uses no index for any query).
   */
  queryEngine: 'auto' | 'mongo' | 'memory';
  /**
   * The analytics store (`PORTCULLIS_ANALYTICS_ENGINE`): `duckdb` (an embedded file in the data dir),
   * `mongo` (raw logs + time buckets in MongoDB), `memory` (the unpersisted reference; tests), `auto` (duckdb).
   */
  analyticsEngine?: 'auto' | 'duckdb' | 'mongo' | 'memory';
  /** How long a service waits at start-up for its read models before listening anyway. */
  startupCatchUpMs: number;
  /** How often services look for scheduled key rotations and periodic usage resets that fell due. */
  scheduleSweepMs: number;
  /** Failed authentications a client IP may make at once before it is limited (token bucket size). */
  denialBurst: number;
  /** …and how many per second it regains. */
  denialRatePerSec: number;
  /** Repeated denials from one source within this window become one audit record with a count. */
  denialWindowMs: number;
  /**
   * A limited source's refusals are held this long before they are sent: an attacker that waits
   * for answers is paced by it, and the gateway's CPU stays with the clients it serves.
   */
  denialTarpitMs: number;
  /** At most this many refusals are held at once (beyond it they are sent at once). */
  denialTarpitMax: number;
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortcullisConfig {
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    mongoUrl: env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/',
    eventStoreUrl: env.EVENT_STORE_URL || undefined,
    dataDir: resolve(env.PORTCULLIS_DATA_DIR ?? '.data'),
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    dbPrefix: env.PORTCULLIS_DB_PREFIX ?? 'portcullis_',
    bootstrapAdminKey: env.PORTCULLIS_BOOTSTRAP_ADMIN_KEY || undefined,
    trustedProxies: (env.PORTCULLIS_TRUSTED_PROXIES ?? 'loopback')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    eventStream: env.PORTCULLIS_EVENT_STREAM ?? 'EVENTS',
    eventSubjectPrefix: env.PORTCULLIS_EVENT_SUBJECT_PREFIX ?? 'es',
    logsStream: env.PORTCULLIS_LOGS_STREAM ?? 'LOGS',
    logsSubjectPrefix: env.PORTCULLIS_LOGS_SUBJECT_PREFIX ?? 'logs',
    publicUrl: (env.PORTCULLIS_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT ?? 8787}`).replace(/\/+$/, ''),
    inviteTtlMs: Number(env.PORTCULLIS_INVITE_TTL_HOURS ?? 24 * 7) * 3_600_000,
    bootstrapOrgName: env.PORTCULLIS_BOOTSTRAP_ORG_NAME ?? 'Default organisation',
    bootstrapOwnerEmail: (env.PORTCULLIS_BOOTSTRAP_OWNER_EMAIL ?? 'owner@portcullis.local').toLowerCase(),
    keyPepper: env.PORTCULLIS_KEY_PEPPER || undefined,
    masterKey: env.PORTCULLIS_MASTER_KEY || undefined,
    clock: Date.now,
    auditSigningKey: env.PORTCULLIS_AUDIT_SIGNING_KEY || undefined,
    auditRetentionDays: env.PORTCULLIS_AUDIT_RETENTION_DAYS ? Number(env.PORTCULLIS_AUDIT_RETENTION_DAYS) : undefined,
    queryEngine: queryEngineFrom(env.PORTCULLIS_QUERY_ENGINE ?? env.PORTCULLIS_AUDIT_QUERY_ENGINE),
    analyticsEngine: analyticsEngineFrom(env.PORTCULLIS_ANALYTICS_ENGINE),
    startupCatchUpMs: Number(env.PORTCULLIS_STARTUP_CATCH_UP_MS ?? 20_000),
    scheduleSweepMs: Number(env.PORTCULLIS_SCHEDULE_SWEEP_MS ?? 30_000),
    denialBurst: Number(env.PORTCULLIS_DENIAL_BURST ?? 50),
    denialRatePerSec: Number(env.PORTCULLIS_DENIAL_RATE_PER_SEC ?? 10),
    denialWindowMs: Number(env.PORTCULLIS_DENIAL_WINDOW_MS ?? 60_000),
    denialTarpitMs: Number(env.PORTCULLIS_DENIAL_TARPIT_MS ?? 250),
    denialTarpitMax: Number(env.PORTCULLIS_DENIAL_TARPIT_MAX ?? 4_096),
    metricsToken: env.PORTCULLIS_METRICS_TOKEN || undefined,
  };
}

function queryEngineFrom(value: string | undefined): PortcullisConfig['queryEngine'] {
  return value === 'mongo' || value === 'memory' ? value : 'auto';
}

function analyticsEngineFrom(value: string | undefined): NonNullable<PortcullisConfig['analyticsEngine']> {
  if (!value) return 'auto';
  if (value === 'auto' || value === 'duckdb' || value === 'mongo' || value === 'memory') return value;
  // A misspelt engine must not silently become another one (and a store built from scratch).
  throw new Error(`PORTCULLIS_ANALYTICS_ENGINE must be auto, duckdb, mongo or memory (got "${value}")`);
}
