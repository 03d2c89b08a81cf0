import type { RotationPolicyDto } from '#libs/contracts';
import { badKeyRequest } from './domain/api-key.errors.js';

/**
 * A caller-given `next_rotation_at` must lie ahead: a past one would rotate the key at once. The
 * pending value echoed back unchanged (a client round-tripping a GET) is accepted.
 */
export function checkRotationPolicy(policy: RotationPolicyDto | null | undefined, nowIso: string, pending: string | null = null): void {
  const next = policy?.next_rotation_at;
  if (!next) return;
  const nextMs = Date.parse(next);
  if (pending && nextMs === Date.parse(pending)) return;
  if (nextMs <= Date.parse(nowIso)) throw badKeyRequest('ROTATION_IN_PAST', 'rotation_policy.next_rotation_at must be in the future');
}
