import {
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { PortcullisConfig } from '#libs/config';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { HealthProbes } from '#libs/messaging';
import { METRICS, registerReadModelMetrics, type ServiceMetrics } from '#libs/metrics';
import { MemoryEngine, MongoEngine, resolveEngine, serverKind, type QueryEngineSetting, type ReadEngine } from './engine.js';
import { connectMongo } from './mongo-connection.js';
import type { ProjectionDefinition } from './projection.js';
import { ProjectionHost } from './projection-host.js';
import { projectionsControllerFor } from './control/projections.message.controller.js';
import { MONGO_CONNECTION, PROJECTIONS, READ_MODELS_OPTIONS } from './tokens.js';


export interface ReadModelsOptions {
  /** Names the service's control subjects (`<service>.projections.*`). */
  service: string;
  mongoUrl: string;
  dbName: string;
  projections: ProjectionDefinition<any>[];
  queryEngine?: QueryEngineSetting;
  /** Snapshot files of the memory engine go under `<dataDir>/read-models/<dbName>/`. */
  dataDir?: string;
  /** How long start-up waits for the read models to catch up before listening anyway. */
  startupCatchUpMs?: number;
  clock?: () => number;
}

const DEFAULT_STARTUP_CATCH_UP_MS = 20_000;

/** The options every service passes: its database, engine and data directory from the configuration. */
export function readModelsOptions(
  service: string,
  config: Pick<PortcullisConfig, 'mongoUrl' | 'dbPrefix' | 'queryEngine' | 'dataDir' | 'startupCatchUpMs' | 'clock'>,
  projections: ProjectionDefinition<any>[],
): ReadModelsOptions {
  return {
    service,
    mongoUrl: config.mongoUrl,
    dbName: `${config.dbPrefix}${service}`,
    projections,
    queryEngine: config.queryEngine,
    dataDir: config.dataDir,
    startupCatchUpMs: config.startupCatchUpMs,
    clock: config.clock,
  };
}

@Injectable()
class ReadModelsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('read-models');
  /** Until start-up caught up (or gave up waiting), the service reports itself catching up. */
  caughtUp = false;

  constructor(
    @Inject(PROJECTIONS) private readonly host: ProjectionHost,
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() probes?: HealthProbes,
    @Optional() @Inject(METRICS) metrics?: ServiceMetrics,
  ) {
    if (!options.projections.length) return;
    probes?.register(this.probe());
    if (metrics) {
      registerReadModelMetrics(metrics.registry, {
        projectionLag: async () => {
          const head = await this.store.headPosition();
          return this.host.status().map((p) => ({ projection: p.projection, lag: Math.max(0, head - p.position) }));
        },
        parkedEvents: async () => this.host.status().map((p) => ({ projection: p.projection, parked: p.parked })),
      });
    }
  }

  /**
   * A service answers once its read models have caught up with the store as it stood at start-up,
   * so it does not serve a partial picture after a restart, but it waits a bounded time only: past
   * it, the service listens anyway and reports the lagging projections through /v1/health.
   */
  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    await this.host.start();
    const bound = this.options.startupCatchUpMs ?? DEFAULT_STARTUP_CATCH_UP_MS;
    try {
      await this.host.catchUp(bound);
      this.caughtUp = true;
      if (this.host.runners.length) this.logger.log(`${this.host.runners.length} read model(s) on the ${this.host.engine.kind} engine caught up in ${Date.now() - started} ms`);
    } catch {
      this.logger.warn(`read models still catching up after ${bound} ms: listening anyway (see /v1/health)`);
      void this.host.catchUp(24 * 3_600_000).then(() => (this.caughtUp = true), () => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
    await this.db.close();
  }

  private probe() {
    return {
      name: 'readModels',
      check: () => {
        const projections = this.host.status();
        const degraded = !this.caughtUp || projections.some((p) => p.parked > 0 || p.state !== 'running');
        return { degraded, details: { engine: this.host.engine.kind, caughtUp: this.caughtUp, projections } };
      },
    };
  }
}

/**
 * A service's database connection (`MONGO_CONNECTION`), its read models on the chosen engine
 * (`PROJECTIONS`), their control subjects (status, retry, dump) and their health probe.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelsOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      global: true,
      controllers: [projectionsControllerFor(options.service)],
      providers: [
        { provide: READ_MODELS_OPTIONS, useValue: options },
        { provide: MONGO_CONNECTION, useFactory: () => connectMongo(options.mongoUrl, options.dbName) },
        {
          provide: PROJECTIONS,
          inject: [EVENT_STORE, MONGO_CONNECTION],
          useFactory: async (store: EventStore, db: Connection) =>
            new ProjectionHost(store, await createEngine(db, options), options.projections, { clock: options.clock }),
        },
        ReadModelsLifecycle,
      ],
      exports: [MONGO_CONNECTION, PROJECTIONS],
    };
  }
}

async function createEngine(db: Connection, options: ReadModelsOptions): Promise<ReadEngine> {
  const server = await serverKind(db);
  const kind = resolveEngine(options.queryEngine ?? 'auto', server);
  if (kind === 'mongo') return new MongoEngine(db, server);
  const logger = new Logger('read-models');
  return new MemoryEngine({
    snapshotDir: options.dataDir ? join(options.dataDir, 'read-models', options.dbName) : undefined,
    onSnapshot: (s) => logger.debug?.(`snapshot ${s.path}: ${s.docs} documents, ${s.bytes} bytes in ${s.ms} ms`),
  });
}
