import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '#libs/contracts';
import { MessagingModule, RpcClient } from '#libs/messaging';
import {
  documentHash,
  MongoEngine,
  projectionSubjects,
  resolveEngine,
  serverKind,
  type DeadLetter,
  type DumpEntry,
  type ProjectedDocument,
  type ProjectionDefinition,
  type QueryEngine,
} from '#libs/read-models';
import type { CliInfra } from './infra.js';

/** The live copy of one read model, wherever the services keep it. */
export interface LiveReadModel {
  engine: QueryEngine;
  /** `{ id, pos, hash }` in id order. */
  entries(): AsyncGenerator<DumpEntry>;
  docs(ids: string[]): Promise<ProjectedDocument[]>;
  deadLetters(): Promise<DeadLetter[]>;
}

const PAGE = 2_000;

/**
 * Reaches the services' read models as they are: in MongoDB (read directly), or in the services'
 * memory (through their `<service>.projections.*` subjects on NATS).
 */
export class ReadModelAccess {
  private app?: INestApplicationContext;
  private readonly context: RequestContext;

  constructor(private readonly infra: CliInfra) {
    const requestId = `cli-${randomUUID()}`;
    this.context = { requestId, correlationId: requestId, principal: { kind: 'system' } };
  }

  async engine(service: string): Promise<QueryEngine> {
    return resolveEngine(this.infra.config.queryEngine, await serverKind(await this.infra.db(service)));
  }

  async rpc(): Promise<RpcClient> {
    this.app ??= await NestFactory.createApplicationContext(MessagingModule.forRoot({ natsUrl: this.infra.config.natsUrl, name: 'cli' }), { logger: false });
    return this.app.get(RpcClient);
  }

  async call<T>(subject: string, payload: unknown, timeoutMs = 30_000): Promise<T> {
    return (await this.rpc()).call<T>(subject, payload, this.context, { timeoutMs });
  }

  async live(service: string, projection: ProjectionDefinition<any>): Promise<LiveReadModel> {
    const engine = await this.engine(service);
    if (engine === 'mongo') {
      const db = await this.infra.db(service);
      const storage = new MongoEngine(db, await serverKind(db)).storageFor(projection);
      return {
        engine,
        async *entries() {
          for (let after: string | undefined; ; ) {
            const docs = await storage.scan(after, PAGE);
            for (const d of docs) yield { id: d._id, pos: d._pos ?? 0, hash: documentHash(d) };
            if (docs.length < PAGE) return;
            after = docs.at(-1)!._id;
          }
        },
        docs: async (ids) => [...(await storage.read(ids)).values()],
        deadLetters: () => storage.deadLetters(),
      };
    }
    const subjects = projectionSubjects(service);
    const call = this.call.bind(this);
    return {
      engine,
      async *entries() {
        for (let after: string | undefined; ; ) {
          const page = await call<{ entries: DumpEntry[] }>(subjects.dump, { projection: projection.name, afterId: after, limit: PAGE });
          yield* page.entries;
          if (page.entries.length < PAGE) return;
          after = page.entries.at(-1)!.id;
        }
      },
      docs: async (ids) => (await call<{ docs: ProjectedDocument[] }>(subjects.get, { projection: projection.name, ids })).docs,
      deadLetters: async () =>
        (await call<{ deadLetters: DeadLetter[] }>(subjects.status, {})).deadLetters.filter((l) => l.projection === projection.name),
    };
  }

  async close(): Promise<void> {
    await this.app?.close();
  }
}
