import type { GuardrailEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

/** One immutable version of a guardrail: `<guardrailId>:<n>`. */
export interface GuardrailVersionDoc extends ProjectedDocument {
  guardrailId: string;
  orgId: string;
  workspaceId: string | null;
  version: number;
  versionId: string;
  name: string;
  /** The client's JSON, as text (see `GuardrailVersionSnapshot`). */
  checksJson: string;
  actionsJson: string;
  by: string;
  createdAt: string;
}

export const guardrailVersionId = (guardrailId: string, version: number) => `${guardrailId}:${version}`;

export const guardrailVersionsProjection: ProjectionDefinition<GuardrailVersionDoc> = {
  name: 'guardrail-versions-projection',
  collection: 'guardrail_versions',
  categories: ['guardrail'],
  keysOf: (event) => {
    const d = event.data as { guardrailId: string; version?: number; versions?: number };
    if (event.type === 'GuardrailDeleted') return Array.from({ length: d.versions ?? 0 }, (_, i) => guardrailVersionId(d.guardrailId, i + 1));
    return typeof d.version === 'number' ? [guardrailVersionId(d.guardrailId, d.version)] : [];
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'GuardrailCreated':
      case 'GuardrailUpdated': {
        const d = event.data as GuardrailEvents.GuardrailCreated | GuardrailEvents.GuardrailUpdated;
        return {
          _id: guardrailVersionId(d.guardrailId, d.version),
          guardrailId: d.guardrailId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          version: d.version,
          versionId: d.versionId,
          name: d.name,
          checksJson: d.checksJson,
          actionsJson: d.actionsJson,
          by: d.by,
          createdAt: d.at,
        };
      }
      case 'GuardrailDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    byGuardrail: ['guardrailId', 'version'],
  },
};
