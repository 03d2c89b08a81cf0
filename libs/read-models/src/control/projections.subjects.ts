import { ns } from '#libs/contracts';

/** Operator subjects of a service's read models (the `portcullis projections` commands use them). */
export const projectionSubjects = (service: string) => ({
  status: ns(`${service}.projections.status`),
  retry: ns(`${service}.projections.retry`),
  /** Drops and rebuilds every read model of the service from the events (`audit replay --all --swap`). */
  rebuild: ns(`${service}.projections.rebuild`),
  /** Paged `{ id, pos, hash }` of one read model, in id order (audit replay compares with it). */
  dump: ns(`${service}.projections.dump`),
  /** Whole documents by id (audit replay shows differing fields). */
  get: ns(`${service}.projections.get`),
});

export interface DumpRequest {
  projection: string;
  afterId?: string;
  limit?: number;
}

export interface DumpEntry {
  id: string;
  pos: number;
  hash: string;
}
