import { isSecretFieldName } from '#libs/contracts';

const SECRET_HEADERS = new Set(['x-portkey-api-key', 'authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key', 'api-key']);
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

const MAX_DEPTH = 8;
export const TOO_DEEP = '[nested too deep]';
const MAX_STRING = 4_096;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A request body for the audit log: secret-looking fields replaced at any depth, and bounded
 * (nesting cut at 8 levels, long strings shortened, at most 64 KiB in all) so that no request can
 * make its audit record larger than the stores take.
 */
export function redactBody(body: unknown): unknown {
  const redacted = redactValue(body, 0);
  const bytes = Buffer.byteLength(JSON.stringify(redacted) ?? '');
  return bytes > MAX_BODY_BYTES ? `[body of ${bytes} bytes omitted]` : redacted;
}

function redactValue(body: unknown, depth: number): unknown {
  if (typeof body === 'string') return body.length > MAX_STRING ? `${body.slice(0, MAX_STRING)}…[${body.length - MAX_STRING} more characters]` : body;
  if (body === null || typeof body !== 'object') return body;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(body)) return body.slice(0, 100).map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    // Provider credentials too: `key`, `aws_secret_access_key`, `azure_entra_client_secret` … (one list with the keys service).
    const secret = SECRET_FIELD.test(field) || isSecretFieldName(field);
    out[field] = secret && value !== null && value !== '' ? REDACTED : redactValue(value, depth + 1);
  }
  return out;
}
