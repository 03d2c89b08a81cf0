import type { ConfigEvents, ConfigReferences } from '#libs/contracts';
import type { RecordedEvent } from '#libs/event-store';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export type ConfigRefKind = 'virtual_key' | 'provider' | 'guardrail';

/** "The current version of config C names R": one document per config × reference. */
export interface ConfigRefDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  configId: string;
  kind: ConfigRefKind;
  ref: string;
}

function entries(configId: string, refs: ConfigReferences | undefined): Map<string, { kind: ConfigRefKind; ref: string }> {
  const out = new Map<string, { kind: ConfigRefKind; ref: string }>();
  const add = (kind: ConfigRefKind, list: string[] | undefined) => {
    for (const ref of list ?? []) out.set(`${configId}|${kind}|${ref}`, { kind, ref });
  };
  add('virtual_key', refs?.virtualKeys);
  add('provider', refs?.providers);
  add('guardrail', refs?.guardrails);
  return out;
}

type RefEvent = ConfigEvents.ConfigCreated | ConfigEvents.ConfigUpdated | ConfigEvents.ConfigDeleted;

/** The references that hold after the event (none once the config is deleted). */
const current = (event: RecordedEvent) => {
  const d = event.data as RefEvent;
  return event.type === 'ConfigDeleted' ? new Map() : entries(d.configId, d.references);
};

/**
 * What configs name, for the questions "who uses this virtual key / provider / guardrail?"
 * (409 AB07 on deleting something in use). Events carry the references they add and drop.
 */
export const configRefsProjection: ProjectionDefinition<ConfigRefDoc> = {
  name: 'config-refs-projection',
  collection: 'config_refs',
  categories: ['config'],
  keysOf: (event) => {
    const d = event.data as RefEvent;
    const touched = new Set(entries(d.configId, d.references).keys());
    if (event.type === 'ConfigUpdated') for (const id of entries(d.configId, (d as ConfigEvents.ConfigUpdated).previousReferences).keys()) touched.add(id);
    return [...touched];
  },
  evolve: (_doc, event, key) => {
    const entry = current(event).get(key);
    if (!entry) return null;
    const d = event.data as RefEvent;
    return { _id: key, orgId: d.orgId, workspaceId: d.workspaceId, configId: d.configId, kind: entry.kind, ref: entry.ref };
  },
  indexes: {
    // Virtual keys and providers live in a workspace: only its configs can name them.
    byWorkspaceRef: ['orgId', 'workspaceId', 'kind', 'ref', 'configId'],
    // Organisation-level guardrails may be named by a config of any workspace.
    byOrgRef: ['orgId', 'kind', 'ref', 'configId'],
  },
};
