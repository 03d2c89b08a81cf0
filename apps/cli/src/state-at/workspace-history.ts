import type { RecordedEvent } from '#libs/event-store';
import type { IdentityEvents, KeyEvents, WorkspaceEvents } from '#libs/contracts';

export interface WorkspaceAt {
  workspace: { id: string; slug: string; name: string; status: string; organisation_id: string } | null;
  members: Array<{ user_id: string; email: string | null; first_name: string | null; last_name: string | null; role: string; since: string }>;
  api_keys: Array<{ id: string; name: string; type: string; key: string; user_id: string | null; scopes: string[]; created_at: string }>;
  /** Configs and their versions arrive with a later issue; the list is empty until then. */
  configs: unknown[];
}

/**
 * Folds the events (already cut at the wanted time) into the state of one workspace: who was in
 * its team with what role, which keys existed (masked) with what scopes.
 */
export function workspaceAt(events: Iterable<RecordedEvent>, ref: string): WorkspaceAt {
  let workspace = null as WorkspaceAt['workspace'];
  const members = new Map<string, { role: string; since: string }>();
  const people = new Map<string, { email: string; first: string; last: string }>();
  const keys = new Map<string, WorkspaceAt['api_keys'][number]>();
  let wsId: string | undefined;
  for (const event of events) {
    const d = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'OrgMemberAdded': {
        const m = d as unknown as IdentityEvents.OrgMemberAdded;
        people.set(m.userId, { email: m.email, first: m.firstName, last: m.lastName });
        break;
      }
      case 'WorkspaceCreated': {
        const w = d as unknown as WorkspaceEvents.WorkspaceCreated;
        if (w.workspaceId === ref || w.slug === ref) {
          wsId = w.workspaceId;
          workspace = { id: w.workspaceId, slug: w.slug, name: w.name, status: 'active', organisation_id: w.orgId };
        }
        break;
      }
      case 'WorkspaceUpdated':
        if (d.workspaceId === wsId && workspace) {
          const changes = (d as unknown as WorkspaceEvents.WorkspaceUpdated).changes;
          const current: NonNullable<WorkspaceAt['workspace']> = workspace;
          workspace = { ...current, ...(typeof changes.name === 'string' ? { name: changes.name } : {}), ...(typeof changes.status === 'string' ? { status: changes.status } : {}) };
        }
        break;
      case 'WorkspaceDeleted':
        if (d.workspaceId === wsId && workspace) workspace = { ...(workspace as NonNullable<WorkspaceAt['workspace']>), status: 'deleted' };
        break;
      case 'WorkspaceMemberAdded':
      case 'WorkspaceMemberRoleChanged':
        if (d.workspaceId === wsId) {
          const m = d as unknown as WorkspaceEvents.WorkspaceMemberAdded;
          members.set(m.userId, { role: m.role, since: members.get(m.userId)?.since ?? m.at });
        }
        break;
      case 'WorkspaceMemberRemoved':
        if (d.workspaceId === wsId) members.delete(d.userId as string);
        break;
      case 'ApiKeyCreated': {
        const k = d as unknown as KeyEvents.ApiKeyCreated;
        if (k.workspaceId && k.workspaceId === wsId) {
          keys.set(k.keyId, { id: k.keyId, name: k.name, type: k.type, key: k.masked, user_id: k.userId, scopes: k.scopes, created_at: k.at });
        }
        break;
      }
      case 'ApiKeyUpdated': {
        const k = keys.get(d.keyId as string);
        const changes = (d as unknown as KeyEvents.ApiKeyUpdated).changes;
        if (k) keys.set(k.id, { ...k, ...(typeof changes.name === 'string' ? { name: changes.name } : {}), ...(Array.isArray(changes.scopes) ? { scopes: changes.scopes as string[] } : {}) });
        break;
      }
      case 'ApiKeyRotated': {
        const k = keys.get(d.keyId as string);
        if (k) keys.set(k.id, { ...k, key: (d as unknown as KeyEvents.ApiKeyRotated).masked });
        break;
      }
      case 'ApiKeyDeleted':
        keys.delete(d.keyId as string);
        break;
      default:
        break;
    }
  }
  return {
    workspace,
    members: [...members].map(([userId, m]) => ({
      user_id: userId,
      email: people.get(userId)?.email ?? null,
      first_name: people.get(userId)?.first ?? null,
      last_name: people.get(userId)?.last ?? null,
      role: m.role,
      since: m.since,
    })),
    api_keys: [...keys.values()],
    configs: [],
  };
}
