import { rotationAfterRotating, rotationOnPolicy, type RotationRule } from './next-rotation.js';
import { usageResetAfterFiring, usageResetOnChange, type UsageResetRule } from './next-usage-reset.js';

/** What the server derives about a key's (or workspace's) schedules; never stored as given. */
export interface LimitSchedule {
  nextUsageResetAt: string | null;
  lastResetAt: string | null;
  nextRotationAt: string | null;
  lastRotatedAt: string | null;
}

export const EMPTY_SCHEDULE: LimitSchedule = { nextUsageResetAt: null, lastResetAt: null, nextRotationAt: null, lastRotatedAt: null };

/** The event facts a schedule follows (API keys and workspaces alike). */
export type ScheduleFact =
  | { kind: 'created'; at: string; usageLimits: UsageResetRule | null; rotationPolicy?: RotationRule | null }
  | { kind: 'changed'; at: string; usageLimits?: UsageResetRule | null; rotationPolicy?: RotationRule | null }
  | { kind: 'rotated'; at: string; rotationPolicy: RotationRule | null }
  | { kind: 'usage-reset'; at: string; periodic: boolean; due: string | null; usageLimits: UsageResetRule | null };

/**
 * The schedule after one fact. `changed` names only the fields that changed (`undefined` =
 * untouched). Pure: projections and deciders fold the same events to the same schedule.
 */
export function evolveSchedule(schedule: LimitSchedule | null | undefined, fact: ScheduleFact): LimitSchedule {
  const s = schedule ?? EMPTY_SCHEDULE;
  switch (fact.kind) {
    case 'created':
      return {
        ...EMPTY_SCHEDULE,
        nextUsageResetAt: usageResetOnChange(null, fact.usageLimits, fact.at),
        nextRotationAt: rotationOnPolicy(fact.rotationPolicy, fact.at),
      };
    case 'changed':
      return {
        ...s,
        ...(fact.usageLimits !== undefined ? { nextUsageResetAt: usageResetOnChange(s.nextUsageResetAt, fact.usageLimits, fact.at) } : {}),
        ...(fact.rotationPolicy !== undefined ? { nextRotationAt: rotationOnPolicy(fact.rotationPolicy, fact.at) } : {}),
      };
    case 'rotated':
      return { ...s, lastRotatedAt: fact.at, nextRotationAt: rotationAfterRotating(fact.rotationPolicy, s.nextRotationAt, fact.at) };
    case 'usage-reset':
      return fact.periodic && fact.due
        ? { ...s, lastResetAt: fact.due, nextUsageResetAt: usageResetAfterFiring(fact.usageLimits, fact.due, fact.at) }
        : { ...s, lastResetAt: fact.at };
    default: {
      const exhaustive: never = fact;
      return exhaustive;
    }
  }
}
