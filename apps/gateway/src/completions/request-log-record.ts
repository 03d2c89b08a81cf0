import type { RequestLog } from '#libs/request-logs';

/** Headers a record may keep: never a key (ours or the provider's), never a cookie. */
const SECRET_HEADER = /^(authorization|api-key|x-api-key|x-portkey-api-key|cookie|set-cookie|proxy-authorization|x-portkey-config)$/i;

export function storedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = SECRET_HEADER.test(name) ? '[REDACTED]' : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Removes every occurrence of the given secrets from a value about to be stored or sent. */
export function scrub<T>(value: T, secrets: (string | null | undefined)[]): T {
  const real = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (!real.length) return value;
  let text = JSON.stringify(value);
  if (text === undefined) return value;
  for (const s of real) text = text.split(JSON.stringify(s).slice(1, -1)).join('[REDACTED]');
  return JSON.parse(text) as T;
}

export type RequestLogDraft = RequestLog;
