import { groupOf, type LimitPolicy, type LimitsCatalog, type OwnerLimits } from './limits-catalog.js';

/** The event fields the catalog reads (payload types live in libs/contracts; only these matter here). */
interface LimitEvent {
  type: string;
  data: unknown;
}

type Changes = { changes?: Record<string, unknown> };

/**
 * Folds one domain event into the catalog: limits of API keys, workspaces and providers (virtual
 * keys are providers), and limit policies. `position` (the feed position, the same on every
 * replica) starts a new counter epoch when usage is reset on request.
 */
export function applyLimitEvent(catalog: LimitsCatalog, event: LimitEvent, position: number): void {
  const d = (event.data ?? {}) as Record<string, any> & Changes;
  switch (event.type) {
    case 'ApiKeyCreated':
      catalog.keys.set(d.keyId, { rateLimits: d.rateLimits, usageLimits: d.usageLimits, resetEpoch: 0, anchorMs: Date.parse(d.at) || 0 });
      break;
    case 'ApiKeyUpdated':
      change(catalog.keys, d.keyId, d.changes, d.at);
      break;
    case 'ApiKeyUsageReset':
      if (d.reason === 'requested') reset(catalog.keys.get(d.keyId), position);
      break;
    case 'ApiKeyDeleted':
      catalog.keys.delete(d.keyId);
      break;
    case 'WorkspaceCreated':
      catalog.workspaces.set(d.workspaceId, { rateLimits: d.rateLimits, usageLimits: d.usageLimits, resetEpoch: 0, anchorMs: Date.parse(d.at) || 0 });
      break;
    case 'WorkspaceUpdated':
      change(catalog.workspaces, d.workspaceId, d.changes, d.at);
      break;
    case 'WorkspaceDeleted':
      catalog.workspaces.delete(d.workspaceId);
      break;
    case 'ProviderCreated':
      catalog.providers.set(d.providerId, { rateLimits: d.rateLimits, usageLimits: d.usageLimits, resetEpoch: 0, anchorMs: Date.parse(d.at) || 0 });
      break;
    case 'ProviderUpdated':
      change(catalog.providers, d.providerId, d.changes, d.at);
      if (d.changes?.reset_usage === true) reset(catalog.providers.get(d.providerId), position);
      break;
    case 'ProviderDeleted':
      catalog.providers.delete(d.providerId);
      break;
    case 'LimitPolicyCreated':
      catalog.policies.set(d.policyId, policyOf(d));
      break;
    case 'LimitPolicyUpdated': {
      const p = catalog.policies.get(d.policyId);
      if (p) catalog.policies.set(d.policyId, { ...p, ...policyChanges(d.changes ?? {}) });
      break;
    }
    case 'LimitPolicyUsageReset': {
      const p = catalog.policies.get(d.policyId);
      if (p && typeof d.valueKey === 'string') {
        const parts = d.valueKey.split('&');
        p.valueEpochs = { ...p.valueEpochs, [groupOf(p, (_key, i) => parts[i] ?? '')]: position };
      } else reset(p, position);
      break;
    }
    case 'LimitPolicyArchived':
      catalog.policies.delete(d.policyId);
      break;
    default:
      break;
  }
}

function change(map: Map<string, OwnerLimits>, id: string, changes: Record<string, unknown> | undefined, at: unknown): void {
  const limits = map.get(id);
  if (!limits || !changes) return;
  if ('rate_limits' in changes) limits.rateLimits = changes.rate_limits;
  if ('usage_limits' in changes) {
    limits.usageLimits = changes.usage_limits;
    limits.anchorMs = Date.parse(String(at)) || 0;
  }
}

function reset(limits: { resetEpoch: number } | undefined, position: number): void {
  if (limits) limits.resetEpoch = position;
}

function policyOf(d: Record<string, any>): LimitPolicy {
  return {
    id: d.policyId,
    kind: d.kind,
    orgId: d.orgId,
    workspaceId: d.workspaceId ?? null,
    status: 'active',
    conditions: d.conditions ?? [],
    groupBy: d.groupBy ?? [],
    type: d.type,
    value: Number(d.value),
    unit: d.unit,
    alertThreshold: d.alertThreshold ?? null,
    periodicReset: d.periodicReset ?? null,
    resetEpoch: 0,
  };
}

function policyChanges(c: Record<string, any>): Partial<LimitPolicy> {
  return {
    ...(c.value !== undefined ? { value: Number(c.value) } : {}),
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    ...(c.alertThreshold !== undefined ? { alertThreshold: c.alertThreshold } : {}),
    ...(c.periodicReset !== undefined ? { periodicReset: c.periodicReset } : {}),
    ...(c.status !== undefined ? { status: c.status } : {}),
  };
}
