import type { KeyEvents } from '#libs/contracts';
import type { RotationRule } from './next-rotation.js';
import type { UsageResetRule } from './next-usage-reset.js';
import { EMPTY_SCHEDULE, evolveSchedule, type LimitSchedule, type ScheduleFact } from './key-schedule.js';

type KeyEvent = { type: string; data: unknown };

/** The schedule fact an API-key event carries, read against the key's fields after it. */
export function apiKeyScheduleFact(event: KeyEvent, fields: Record<string, unknown>): ScheduleFact | null {
  const usageLimits = (fields.usage_limits ?? null) as UsageResetRule | null;
  const rotationPolicy = (fields.rotation_policy ?? null) as RotationRule | null;
  switch (event.type) {
    case 'ApiKeyCreated':
      return { kind: 'created', at: (event.data as KeyEvents.ApiKeyCreated).at, usageLimits, rotationPolicy };
    case 'ApiKeyUpdated': {
      const d = event.data as KeyEvents.ApiKeyUpdated;
      return {
        kind: 'changed',
        at: d.at,
        ...('usage_limits' in d.changes ? { usageLimits } : {}),
        ...('rotation_policy' in d.changes ? { rotationPolicy } : {}),
      };
    }
    case 'ApiKeyRotated':
      return { kind: 'rotated', at: (event.data as KeyEvents.ApiKeyRotated).at, rotationPolicy };
    case 'ApiKeyUsageReset': {
      const d = event.data as KeyEvents.ApiKeyUsageReset;
      return { kind: 'usage-reset', at: d.at, periodic: d.reason === 'periodic', due: d.due, usageLimits };
    }
    default:
      return null;
  }
}

/** `evolveSchedule` for an API-key event (other events leave the schedule as it was). */
export function evolveApiKeySchedule(schedule: LimitSchedule | null | undefined, event: KeyEvent, fieldsAfter: Record<string, unknown>): LimitSchedule {
  const fact = apiKeyScheduleFact(event, fieldsAfter);
  return fact ? evolveSchedule(schedule, fact) : (schedule ?? EMPTY_SCHEDULE);
}
