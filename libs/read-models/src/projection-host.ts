import type { Connection } from 'mongoose';
import type { EventStore } from '#libs/event-store';
import type { ProjectedDocument, ProjectionDefinition } from './projection.js';
import { ProjectorRunner } from './projector-runner.js';

/** Runs a service's projections and answers read-your-writes waits across all of them. */
export class ProjectionHost {
  readonly runners: ProjectorRunner[];

  constructor(
    private readonly store: EventStore,
    db: Connection,
    projections: ProjectionDefinition<any>[],
  ) {
    this.runners = projections.map((p) => new ProjectorRunner<ProjectedDocument>(store, db, p));
  }

  async start(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  async rebuild(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.rebuild()));
  }

  /** Waits until every projection has applied `position` (bounded). */
  async waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    if (!position) return;
    await Promise.all(this.runners.map((r) => r.waitFor(position, timeoutMs)));
  }

  /**
   * Waits until every projection has seen everything appended before this call: internal
   * clean-ups and authentication use it, since they carry no read-your-writes position.
   */
  async catchUp(timeoutMs = 5_000): Promise<void> {
    await this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  runner(name: string): ProjectorRunner {
    const runner = this.runners.find((r) => r.projection.name === name);
    if (!runner) throw new Error(`no projection named ${name}`);
    return runner;
  }
}
