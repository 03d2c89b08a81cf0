import { ns } from './common/namespace.js';

/**
 * NATS subjects: `<service>.<aggregate>.<verb>` for commands, `<service>.<read-model>.<query>`
 * for queries (ARCHITECTURE.md §3). Nothing else names a subject.
 */
export const SERVICES = ['identity', 'workspaces', 'keys', 'analytics', 'audit'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const healthSubject = (service: ServiceName) => ns(`${service}.health.ping`);

/** A service's Prometheus metrics (JSON form); the gateway's `/metrics` gathers them. */
export const metricsSubject = (service: ServiceName) => ns(`${service}.metrics.scrape`);

export const Subjects = {
  health: healthSubject,
  metrics: metricsSubject,
} as const;
