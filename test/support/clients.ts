import { Portkey } from 'portkey-ai';
import type { Stack } from './stack.js';

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

/** Raw HTTP against the gateway (for what the SDK cannot send: bad input, public routes). */
export async function http<T = any>(
  stack: Stack,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; apiUrl?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.key) headers['x-portkey-api-key'] = options.key;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${options.apiUrl ?? stack.apiUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T };
}

/** The official SDK, pointed at the stack, as a user would configure it. */
export function sdk(stack: Stack, key: string): Portkey {
  return new Portkey({ apiKey: key, baseURL: stack.apiUrl });
}

/** What the SDK throws: `APIError` with `.status` and `.error` (the parsed body). */
export async function sdkError(promise: Promise<unknown>): Promise<{ status: number; error: any }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; error?: unknown };
    if (typeof e.status === 'number') return { status: e.status, error: e.error };
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function tokenOf(inviteLink: string): string {
  return new URL(inviteLink).searchParams.get('token')!;
}

export interface AcceptedUser {
  id: string;
  email: string;
  role: string;
  api_keys: Array<{ id: string; key: string; workspace_id: string; type: string }>;
}

/** Invite someone (admin key) and accept as them: the user and their workspace-user keys. */
export async function inviteAndAccept(
  stack: Stack,
  adminKey: string,
  invite: { email: string; role: 'admin' | 'member'; workspaces: Array<{ id: string; role: 'admin' | 'manager' | 'member' }>; scopes?: string[] },
): Promise<AcceptedUser> {
  const created = await http(stack, 'POST', '/admin/users/invites', {
    key: adminKey,
    body: {
      email: invite.email,
      role: invite.role,
      workspaces: invite.workspaces,
      ...(invite.scopes ? { workspace_api_key_details: { scopes: invite.scopes } } : {}),
    },
  });
  if (created.status !== 200) throw new Error(`invite failed: ${created.status} ${JSON.stringify(created.body)}`);
  const accepted = await http<AcceptedUser>(stack, 'POST', '/invites/accept', {
    body: { token: tokenOf(created.body.invite_link), first_name: invite.email.split('@')[0], last_name: 'Tester' },
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return accepted.body;
}
