import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactBody, redactHeaders } from './redact.js';

describe('redaction for the audit log', () => {
  it('drops credential headers and keeps the rest', () => {
    expect(redactHeaders({ 'x-portkey-api-key': 'pc_secret', Authorization: 'Bearer x', 'user-agent': 'sdk' })).toEqual({ 'user-agent': 'sdk' });
  });
  it('replaces secret-looking fields at any depth', () => {
    expect(redactBody({ name: 'vk', key: 'sk-live', nested: { api_key: 'x', list: [{ password: 'p', ok: 1 }] } })).toEqual({
      name: 'vk',
      key: REDACTED,
      nested: { api_key: REDACTED, list: [{ password: REDACTED, ok: 1 }] },
    });
  });
});
