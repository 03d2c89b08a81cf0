import type { INestMicroservice, LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import mongoose from 'mongoose';
import { loadConfig, type PortcullisConfig } from '#libs/config';
import { currentNamespace, IdentitySubjects, type CommandResult, type CreatedOrganisation, type VerifiedKey } from '#libs/contracts';
import { bootstrapService, RpcClient } from '#libs/messaging';
import { eventually, freePort, requireEnv } from '#libs/testing';
import type { LimitsPort } from '#libs/limits';
import { AnalyticsModule } from '../../apps/analytics/src/analytics.module.js';
import { AuditModule } from '../../apps/audit/src/audit.module.js';
import { createGateway, servedRoutes } from '../../apps/gateway/src/create-gateway.js';
import { IdentityModule } from '../../apps/identity/src/identity.module.js';
import { KeysModule } from '../../apps/keys/src/keys.module.js';
import { WorkspacesModule } from '../../apps/workspaces/src/workspaces.module.js';

export interface Stack {
  config: PortcullisConfig;
  baseUrl: string;
  /** `http://127.0.0.1:<port>/v1`, as the SDK wants it. */
  apiUrl: string;
  adminKey: string;
  orgId: string;
  defaultWorkspaceId: string;
  /** Stops and starts every service and the gateway on the same store and databases. */
  restart(options?: { dropReadModels?: boolean }): Promise<void>;
  /** Moves the stack's clock (validity checks, command times) forward. */
  advanceClock(ms: number): void;
  /** A second gateway on the same services (another replica): its `/v1` URL and a closer. */
  extraGateway(options?: { fixedPrincipal?: VerifiedKey; limits?: LimitsPort }): Promise<{ apiUrl: string; close(): Promise<void> }>;
  /** The routes the gateway's HTTP server registered (after start). */
  servedRoutes(): Array<{ method: string; url: string }>;
  /** An RPC client on the stack's bus, for internal calls. */
  rpc(): RpcClient;
  /** A further organisation (as `portcullis org create` does): its admin key and default workspace. */
  createOrganisation(name: string, ownerEmail: string): Promise<{ orgId: string; adminKey: string; defaultWorkspaceId: string }>;
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Stops one service (the others and the gateway keep running), and starts it again. */
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  /** A running service's application (tests reach its providers, e.g. the analytics store). */
  service(name: ServiceName): INestMicroservice;
}

const SERVICES = [
  ['identity', IdentityModule],
  ['workspaces', WorkspacesModule],
  ['keys', KeysModule],
  ['analytics', AnalyticsModule],
  ['audit', AuditModule],
] as const;
type ServiceName = (typeof SERVICES)[number][0];

/**
 * The whole product in this process, on the real NATS server and database the test runner
 * started, isolated by the file's namespace (subjects, event stream, database names).
 */
/** Collects every log line of every app in the stack (for the secrets search). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add(level: string, message: unknown, rest: unknown[]) {
    this.lines.push(`${level} ${[message, ...rest].map((m) => (typeof m === 'string' ? m : (m as Error)?.stack ?? JSON.stringify(m))).join(' ')}`);
  }
  log(message: unknown, ...rest: unknown[]) {
    this.add('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.add('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.add('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.add('verbose', message, rest);
  }
}

export interface StackOptions {
  logger?: LoggerService;
}

export async function startStack(overrides: Partial<PortcullisConfig> = {}, options: StackOptions = {}): Promise<Stack> {
  const ns = currentNamespace();
  if (!ns) throw new Error('no PORTCULLIS_NAMESPACE: is test/setup/namespace.ts in jest setupFiles?');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `portcullis-${ns}-`));
  let clockOffset = 0;
  const config: PortcullisConfig = {
    ...loadConfig({
      NATS_URL: requireEnv('NATS_URL'),
      MONGO_URL: requireEnv('MONGO_URL'),
      PORT: String(port),
      PORTCULLIS_DATA_DIR: dataDir,
    }),
    dbPrefix: `${ns}_`,
    eventStream: `EV_${ns}`,
    eventSubjectPrefix: `ev${ns}`,
    logsStream: `LOGS_${ns}`,
    logsSubjectPrefix: `logs${ns}`,
    bootstrapAdminKey: `bootstrap_${randomBytes(24).toString('hex')}`,
    keyPepper: randomBytes(32).toString('hex'),
    clock: () => Date.now() + clockOffset,
    ...overrides,
  };
  let services: INestMicroservice[] = [];
  let gateway: NestFastifyApplication | undefined;

  const up = async () => {
    services = [];
    for (const [name, module] of SERVICES) services.push(await bootstrapService(name, module.forRoot(config), { natsUrl: config.natsUrl, logger: options.logger ?? false }));
    gateway = await createGateway(config, { logger: options.logger ?? false });
    await gateway.listen(config.port, '127.0.0.1');
  };
  const down = async () => {
    await gateway?.close();
    for (const service of services.reverse()) await service.close();
  };

  await up();
  const apiUrl = `http://127.0.0.1:${config.port}/v1`;
  // Without a configured key, bootstrap generates one into the data directory.
  const adminKey =
    config.bootstrapAdminKey ??
    (await eventually(() => readFileSync(join(dataDir, 'bootstrap-admin-key'), 'utf8').trim(), { timeoutMs: 30_000, intervalMs: 100 }));
  const ready = await eventually(
    async () => {
      const response = await fetch(`${apiUrl}/admin/workspaces`, { headers: { 'x-portkey-api-key': adminKey } });
      if (response.status !== 200) return false;
      const body = (await response.json()) as { data: Array<{ id: string; organisation_id: string; is_default: number }> };
      return body.data.find((w) => w.is_default === 1) ?? false;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );

  return {
    config,
    baseUrl: `http://127.0.0.1:${config.port}`,
    apiUrl,
    adminKey,
    orgId: ready.organisation_id,
    defaultWorkspaceId: ready.id,
    async stopService(name) {
      const i = SERVICES.findIndex(([n]) => n === name);
      await services[i]!.close();
    },
    async startService(name) {
      const i = SERVICES.findIndex(([n]) => n === name);
      services[i] = await bootstrapService(name, SERVICES[i]![1].forRoot(config), { natsUrl: config.natsUrl, logger: options.logger ?? false });
    },
    service(name) {
      return services[SERVICES.findIndex(([n]) => n === name)]!;
    },
    async extraGateway(extra = {}) {
      const app = await createGateway(config, { logger: options.logger ?? false, ...extra });
      const extraPort = await freePort();
      await app.listen(extraPort, '127.0.0.1');
      return { apiUrl: `http://127.0.0.1:${extraPort}/v1`, close: () => app.close() };
    },
    servedRoutes() {
      return gateway ? servedRoutes(gateway) : [];
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    rpc() {
      return services[0]!.get(RpcClient);
    },
    async createOrganisation(name, ownerEmail) {
      const rpc = services[0]!.get(RpcClient);
      const requestId = `test-${randomBytes(4).toString('hex')}`;
      const result = await rpc.call<CommandResult<CreatedOrganisation>>(
        IdentitySubjects.createOrganisation,
        { name, owner_email: ownerEmail },
        { requestId, correlationId: requestId, principal: { kind: 'system' } },
        { timeoutMs: 30_000 },
      );
      return { orgId: result.data.organisation_id, adminKey: result.data.admin_key, defaultWorkspaceId: result.data.default_workspace_id };
    },
    async restart(options = {}) {
      await down();
      if (options.dropReadModels) {
        await dropDatabases(config);
        // The memory engine's snapshots are read models too.
        rmSync(join(dataDir, 'read-models'), { recursive: true, force: true });
      }
      await up();
    },
    async stop(options = {}) {
      await down();
      if (!options.keepData) {
        await dropDatabases(config);
        const nc = await connect({ servers: config.natsUrl });
        const jsm = await jetstreamManager(nc);
        await jsm.streams.delete(config.eventStream).catch(() => undefined);
        await jsm.streams.delete(config.logsStream).catch(() => undefined);
        await nc.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function dropDatabases(config: PortcullisConfig): Promise<void> {
  const connection = await mongoose.createConnection(config.mongoUrl).asPromise();
  for (const service of SERVICES.map(([name]) => name)) {
    await connection.useDb(`${config.dbPrefix}${service}`).dropDatabase();
  }
  await connection.close();
}
