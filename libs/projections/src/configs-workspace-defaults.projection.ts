import type { WorkspaceEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

/**
 * What a workspace's `defaults` name: its user API keys' config (`user_api_key_config`) and its
 * default input/output guardrails. Only workspaces that name something have a document.
 */
export interface WorkspaceDefaultRefsDoc extends ProjectedDocument {
  orgId: string;
  userApiKeyConfig: string | null;
  /** The guardrail refs, each between newlines (`\nslug\n`), so a substring match finds one. */
  guardrails: string;
}

export const guardrailToken = (ref: string) => `\n${ref}\n`;

function refsOf(defaults: unknown): { userApiKeyConfig: string | null; guardrails: string[] } {
  const d = (defaults && typeof defaults === 'object' ? defaults : {}) as Record<string, unknown>;
  const config = typeof d.user_api_key_config === 'string' && d.user_api_key_config ? d.user_api_key_config : null;
  const guardrails = new Set<string>();
  for (const field of ['input_guardrails', 'output_guardrails']) {
    const list = d[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      // A guardrail by slug or id, or an object naming one by `id` / `slug`.
      if (typeof item === 'string') guardrails.add(item);
      else if (item && typeof item === 'object') {
        for (const k of ['id', 'slug']) if (typeof (item as Record<string, unknown>)[k] === 'string') guardrails.add((item as Record<string, string>)[k]!);
      }
    }
  }
  return { userApiKeyConfig: config, guardrails: [...guardrails].filter(Boolean).sort() };
}

function docOf(workspaceId: string, orgId: string, defaults: unknown): WorkspaceDefaultRefsDoc | null {
  const refs = refsOf(defaults);
  if (!refs.userApiKeyConfig && !refs.guardrails.length) return null;
  return { _id: workspaceId, orgId, userApiKeyConfig: refs.userApiKeyConfig, guardrails: refs.guardrails.map(guardrailToken).join('') };
}

/** Who refers to a config or guardrail through workspace defaults (409 AB07 on deleting it). */
export const workspaceDefaultRefsProjection: ProjectionDefinition<WorkspaceDefaultRefsDoc> = {
  name: 'workspace-default-refs-projection',
  collection: 'workspace_default_refs',
  categories: ['workspace'],
  keysOf: (event) => {
    if (event.type === 'WorkspaceCreated' || event.type === 'WorkspaceDeleted') return [(event.data as { workspaceId: string }).workspaceId];
    if (event.type === 'WorkspaceUpdated' && 'defaults' in (event.data as WorkspaceEvents.WorkspaceUpdated).changes) {
      return [(event.data as WorkspaceEvents.WorkspaceUpdated).workspaceId];
    }
    return [];
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'WorkspaceCreated': {
        const d = event.data as WorkspaceEvents.WorkspaceCreated;
        return docOf(d.workspaceId, d.orgId, d.defaults);
      }
      case 'WorkspaceUpdated': {
        const d = event.data as WorkspaceEvents.WorkspaceUpdated;
        return docOf(d.workspaceId, d.orgId, d.changes.defaults);
      }
      case 'WorkspaceDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    byUserApiKeyConfig: ['orgId', 'userApiKeyConfig'],
    // Guardrail refs: the organisation's workspaces that name anything, filtered by substring.
    byOrg: ['orgId'],
  },
};
