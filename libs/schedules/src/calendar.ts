const DAY_MS = 86_400_000;

/** Midnight UTC of the 1st of the month after `ms`. */
export function firstOfNextMonthUtc(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Monday 00:00 UTC strictly after `ms`. */
export function nextMondayUtc(ms: number): number {
  const d = new Date(ms);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  // getUTCDay: 0 = Sunday … 6 = Saturday; days until the next Monday, never 0.
  const days = ((8 - d.getUTCDay()) % 7) || 7;
  return midnight + days * DAY_MS;
}

/** The same instant `months` calendar months later; the 31st becomes the month's last day. */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const lastDay = new Date(Date.UTC(new Date(target).getUTCFullYear(), new Date(target).getUTCMonth() + 1, 0)).getUTCDate();
  const t = new Date(target);
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

export function addDaysUtc(ms: number, days: number): number {
  return ms + days * DAY_MS;
}
