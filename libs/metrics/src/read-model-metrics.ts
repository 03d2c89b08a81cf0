import { Gauge, type Registry } from 'prom-client';

/** What a service can tell about its read models; supplied by the read-model layer. */
export interface ReadModelProbe {
  /** Events between the store's head and each projection's checkpoint. */
  projectionLag(): Promise<Array<{ projection: string; lag: number }>>;
  /** Events each projection parked as dead letters (could not apply). */
  parkedEvents?(): Promise<Array<{ projection: string; parked: number }>>;
  /** Records in each organisation's audit chain (the audit service only). */
  auditChainLengths?(): Promise<Array<{ organisation: string; length: number }>>;
}

const probes = new WeakMap<Registry, ReadModelProbe>();

/**
 * `portcullis_projection_lag_events{projection}`, `portcullis_projection_parked_events{projection}`
 * and `portcullis_audit_chain_length{organisation}`, reporting what `probe` answers: the read-model
 * module and the audit service register theirs at start-up.
 */
export function registerReadModelMetrics(registry: Registry, probe?: ReadModelProbe): void {
  if (probe) probes.set(registry, probe);
  if (registry.getSingleMetric('portcullis_projection_lag_events')) return;
  new Gauge({
    name: 'portcullis_projection_lag_events',
    help: "Events appended to the store that a projection has not applied yet (store head minus the projection's checkpoint).",
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { projection, lag } of (await probes.get(registry)?.projectionLag()) ?? []) this.set({ projection }, lag);
    },
  });
  new Gauge({
    name: 'portcullis_projection_parked_events',
    help: 'Events a projection parked as dead letters instead of applying them (npx portcullis projections status lists them).',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { projection, parked } of (await probes.get(registry)?.parkedEvents?.()) ?? []) this.set({ projection }, parked);
    },
  });
  new Gauge({
    name: 'portcullis_audit_chain_length',
    help: "Records in an organisation's audit hash chain.",
    labelNames: ['organisation'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { organisation, length } of (await probes.get(registry)?.auditChainLengths?.()) ?? []) this.set({ organisation }, length);
    },
  });
}
