import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerReadModelMetrics } from './read-model-metrics.js';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * One service's metrics, on a registry of its own (several services share a process in tests),
 * every series labelled with the service. The gateway gathers all of them on `/metrics`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'portcullis_http_requests_total',
    help: 'HTTP requests answered by the gateway, by route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'portcullis_http_request_duration_seconds',
    help: 'Time from the request arriving to its response, by route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly authCache = new Counter({
    name: 'portcullis_auth_cache_lookups_total',
    help: 'Gateway key-cache lookups: hit (verified principal), known_bad (recently refused), miss (verify RPC).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly authInvalidations = new Counter({
    name: 'portcullis_auth_cache_invalidations_total',
    help: 'Push invalidations applied to the gateway key cache, by what they were keyed on.',
    labelNames: ['by'] as const,
    registers: [this.registry],
  });
  readonly rpcDuration = new Histogram({
    name: 'portcullis_rpc_client_duration_seconds',
    help: 'NATS request/reply latency seen by the caller, by subject and outcome.',
    labelNames: ['subject', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly appendDuration = new Histogram({
    name: 'portcullis_event_store_append_duration_seconds',
    help: 'Event-store append latency, by outcome (ok, conflict, error).',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly appendConflicts = new Counter({
    name: 'portcullis_event_store_append_conflicts_total',
    help: 'Appends refused for a wrong expected revision (optimistic concurrency conflicts).',
    registers: [this.registry],
  });
  readonly appendedEvents = new Counter({
    name: 'portcullis_event_store_appended_events_total',
    help: 'Events appended to the event store.',
    registers: [this.registry],
  });
  readonly denials = new Counter({
    name: 'portcullis_denials_total',
    help: 'Requests refused as unauthenticated (401), forbidden (403) or rate limited (429).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly denialRecords = new Counter({
    name: 'portcullis_denial_audit_events_total',
    help: 'Audit events appended for denials: the first of a source in a window, and one per window for its repeats.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly scrapeUp = new Gauge({
    name: 'portcullis_scrape_up',
    help: "1 when the service answered the gateway's metrics scrape.",
    labelNames: ['target'] as const,
    registers: [this.registry],
  });

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    registerReadModelMetrics(this.registry);
  }
}
