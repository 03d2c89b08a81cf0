import { isPlainObject, type SchemaProblem } from '../common/schema-problem.js';

/**
 * `actions{deny, async, on_success{feedback{value, weight, metadata}}, on_fail{…}}`: the fields
 * Portkey defines are type-checked; others are kept as sent (Terraform's examples send their own,
 * and read back exactly what they sent).
 */
export function guardrailActionsProblem(actions: unknown, root = 'actions'): SchemaProblem | null {
  if (!isPlainObject(actions)) return { path: root, message: 'must be an object' };
  for (const flag of ['deny', 'async'] as const) {
    if (actions[flag] !== undefined && typeof actions[flag] !== 'boolean') return { path: `${root}.${flag}`, message: 'must be a boolean' };
  }
  for (const outcome of ['on_success', 'on_fail'] as const) {
    const value = actions[outcome];
    if (value === undefined) continue;
    const at = `${root}.${outcome}`;
    if (!isPlainObject(value)) return { path: at, message: 'must be an object' };
    if (value.feedback === undefined || value.feedback === null) continue;
    const found = feedbackProblem(value.feedback, `${at}.feedback`);
    if (found) return found;
  }
  return null;
}

function feedbackProblem(feedback: unknown, at: string): SchemaProblem | null {
  if (!isPlainObject(feedback)) return { path: at, message: 'must be an object' };
  const { value, weight, metadata } = feedback;
  if (value !== undefined && !(typeof value === 'number' && value >= -10 && value <= 10)) return { path: `${at}.value`, message: 'must be a number from -10 to 10' };
  if (weight !== undefined && !(typeof weight === 'number' && weight >= 0 && weight <= 1)) return { path: `${at}.weight`, message: 'must be a number from 0 to 1' };
  if (metadata !== undefined && metadata !== null && typeof metadata !== 'string' && !isPlainObject(metadata)) {
    return { path: `${at}.metadata`, message: 'must be a string or an object' };
  }
  return null;
}
