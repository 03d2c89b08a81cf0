import type { FastifyReply, FastifyRequest } from 'fastify';
import { portkeyError } from '../http/portkey-error.js';
import type { OutcomeRecorder } from '../audit/outcome-recorder.js';
import type { Authenticator } from '../auth/authenticator.js';
import { PrincipalCache } from '../auth/principal-cache.js';
import type { FloodControl } from './flood-control.js';

// Routes no key is asked for, and whose answers cost nothing to withhold: never limited.
const OPEN = /^\/(v1\/health|openapi\.json|docs|metrics)(\/|\?|$)/;

/**
 * The cheapest possible answer to a source that spent its failed authentications: in the first
 * hook, before routing into Nest, guards or filters. Keys the gateway already trusts pass, so a
 * good client behind the same address keeps its latency; the refusal is still counted towards
 * the source's aggregated audit record.
 */
export function floodGate(floods: FloodControl, auth: Authenticator, outcomes: OutcomeRecorder) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const edge = request.edge;
    if (!edge) return;
    const waitMs = floods.limiter.retryAfterMs(edge.clientIp);
    if (waitMs === 0 || OPEN.test(request.url)) return;
    const raw = request.headers['x-portkey-api-key'];
    if (typeof raw === 'string' && auth.cache.get(PrincipalCache.hash(raw))) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const message = `too many failed authentications from this address; retry after ${retryAfterSeconds} s`;
    await outcomes.record(request, 429, 'AB06', message);
    edge.floodRefused = true;
    await floods.tarpit();
    void reply
      .status(429)
      .header('retry-after', String(retryAfterSeconds))
      .header('content-type', 'application/json; charset=utf-8')
      .send(portkeyError(message, 'AB06'));
    return reply;
  };
}
