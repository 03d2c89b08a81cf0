import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ProjectionHost } from '../projection-host.js';
import { PROJECTIONS } from '../tokens.js';
import { documentHash } from './document-hash.js';
import { projectionSubjects, type DumpEntry, type DumpRequest } from './projections.subjects.js';

const MAX_DUMP_PAGE = 2_000;

/** Status, retry and dumps of a service's read models, for `portcullis projections` and `audit replay`. */
export function projectionsControllerFor(service: string) {
  const subjects = projectionSubjects(service);
  @Controller()
  class ProjectionsMessageController {
    constructor(@Inject(PROJECTIONS) private readonly host: ProjectionHost) {}

    @MessagePattern(subjects.status)
    async status() {
      return { service, engine: this.host.engine.kind, projections: this.host.status(), deadLetters: await this.host.deadLetters() };
    }

    @MessagePattern(subjects.retry)
    async retry() {
      return { service, results: await this.host.retryParked() };
    }

    @MessagePattern(subjects.rebuild)
    async rebuild() {
      await this.host.rebuild();
      await this.host.catchUp(15 * 60_000);
      return { service, projections: this.host.status() };
    }

    @MessagePattern(subjects.dump)
    async dump(@Payload('payload') request: DumpRequest): Promise<{ entries: DumpEntry[]; position: number }> {
      const runner = this.host.runner(request.projection);
      const position = runner.position;
      const docs = await runner.storage.scan(request.afterId, Math.min(request.limit ?? MAX_DUMP_PAGE, MAX_DUMP_PAGE));
      return { position, entries: docs.map((d) => ({ id: d._id, pos: d._pos ?? 0, hash: documentHash(d) })) };
    }

    @MessagePattern(subjects.get)
    async get(@Payload('payload') request: { projection: string; ids: string[] }) {
      const runner = this.host.runner(request.projection);
      return { docs: await runner.storage.read(request.ids.slice(0, 100)).then((m) => [...m.values()]) };
    }
  }
  return ProjectionsMessageController;
}
