import type { GuardrailEvents } from '#libs/contracts';

/** Checks as plain JSON in the order they were sent, without fields the client left out. */
export function plainChecks(checks: readonly GuardrailEvents.GuardrailCheck[]): GuardrailEvents.GuardrailCheck[] {
  return checks.map((c) => JSON.parse(JSON.stringify(c)) as GuardrailEvents.GuardrailCheck);
}
