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
export const PROJECTIONS = Symbol('PROJECTIONS');

@Injectable()
class ReadModelsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTIONS) private readonly host: ProjectionHost,
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
  ) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.host.start();
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
