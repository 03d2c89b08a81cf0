const SECRET_HEADERS = new Set(['x-portkey-api-key', 'authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']);
const SECRET_FIELD = /^(key|api_?key|secret|password|token|access_?token|refresh_?token|client_?secret|private_?key|credentials?|aws_secret_access_key|aws_session_token)$/i;
export const REDACTED = '[REDACTED]';

/** Request headers for the audit log, credentials removed. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name.toLowerCase())) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A request body for the audit log: secret-looking fields replaced, at any depth. */
export function redactBody(body: unknown, depth = 0): unknown {
  if (depth > 8 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.slice(0, 100).map((item) => redactBody(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    out[field] = SECRET_FIELD.test(field) && value !== null && value !== '' ? REDACTED : redactBody(value, depth + 1);
  }
  return out;
}
