import { describe, expect, it } from '@jest/globals';
import { withoutSnippet } from './json-body-parser.js';
import { REDACTED, redactBody, redactHeaders, TOO_DEEP } from './redact.js';

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
  it('bounds what it keeps: nesting cut at 8 levels, long strings shortened, huge bodies omitted', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1_000; i++) deep = { d: deep };
    let cut = redactBody(deep) as Record<string, unknown>;
    for (let i = 0; i < 8; i++) cut = cut.d as Record<string, unknown>;
    expect(cut).toBe(TOO_DEEP);
    expect((redactBody({ s: 'x'.repeat(10_000) }) as { s: string }).s.length).toBeLessThan(4_200);
    expect(redactBody({ many: Array.from({ length: 100 }, () => 'y'.repeat(4_000)) })).toMatch(/^\[body of \d+ bytes omitted\]$/);
  });
  it('replaces provider credentials in integration and virtual-key bodies, configurations included', () => {
    const body = {
      name: 'azure',
      key: 'sk-az',
      configurations: {
        azure_resource_name: 'res',
        azure_entra_client_secret: 'entra-secret',
        aws_secret_access_key: 'aws-secret',
        aws_access_key_id: 'AKIA123',
        vertex_service_account_json: { private_key: 'pk' },
        huggingface_api_key: 'hf',
      },
    };
    expect(redactBody(body)).toEqual({
      name: 'azure',
      key: REDACTED,
      configurations: {
        azure_resource_name: 'res',
        azure_entra_client_secret: REDACTED,
        aws_secret_access_key: REDACTED,
        aws_access_key_id: REDACTED,
        vertex_service_account_json: REDACTED,
        huggingface_api_key: REDACTED,
      },
    });
  });
  it('invalid JSON is reported without quoting the input', () => {
    let message = '';
    try {
      JSON.parse('{"key":sk-live-do-not-echo"}');
    } catch (error) {
      message = withoutSnippet((error as Error).message);
    }
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('sk-live');
  });
});
