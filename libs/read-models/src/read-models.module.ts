import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Connection } from 'mongoose';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { connectMongo } from './mongo-connection.js';
import type { ProjectionDefinition } from './projection.js';
import { ProjectionHost } from './projection-host.js';

export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
const CATCH_UP_AT_START_MS = 15 * 60_000;
export const PROJECTIONS = Symbol('PROJECTIONS');

@Injectable()
class ReadModelsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTIONS) private readonly host: ProjectionHost,
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
  ) {}
  /**
   * A service answers only once its read models have caught up with the store as it stood at
   * start-up: after a restart, or with its database dropped, it rebuilds first (and its health
   * check stays unanswered meanwhile) instead of serving a partial picture.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.host.start();
    await this.host.catchUp(CATCH_UP_AT_START_MS);
  }
  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
    await this.db.close();
  }
}

export interface ReadModelsOptions {
  mongoUrl: string;
  dbName: string;
  projections: ProjectionDefinition<any>[];
}

/** A service's MongoDB database (`MONGO_CONNECTION`) and its running projections (`PROJECTIONS`). */
@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelsOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      global: true,
      providers: [
        { provide: MONGO_CONNECTION, useFactory: () => connectMongo(options.mongoUrl, options.dbName) },
        {
          provide: PROJECTIONS,
          inject: [EVENT_STORE, MONGO_CONNECTION],
          useFactory: (store: EventStore, db: Connection) => new ProjectionHost(store, db, options.projections),
        },
        ReadModelsLifecycle,
      ],
      exports: [MONGO_CONNECTION, PROJECTIONS],
    };
  }
}
