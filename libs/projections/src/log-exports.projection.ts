import type { LogExportEvents, LogExportStatus, LogExportView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface LogExportDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string | null;
  filtersJson: string;
  requestedData: string[];
  status: LogExportStatus;
  description: string | null;
  ownerKeyId: string;
  by: string;
  createdAt: string;
  lastUpdatedAt: string;
  total: number;
  done: number;
  /** The replica holding the file (after success). */
  replica?: string;
}

export const logExportsProjection: ProjectionDefinition<LogExportDoc> = {
  name: 'log-exports-projection',
  collection: 'log_exports',
  categories: ['logExport'],
  source: import.meta.url,
  keysOf: (event) => [(event.data as { exportId: string }).exportId],
  evolve: (doc, event) => {
    if (event.type === 'LogExportCreated') {
      const d = event.data as LogExportEvents.LogExportCreated;
      return {
        _id: d.exportId, orgId: d.orgId, workspaceId: d.workspaceId, filtersJson: d.filtersJson, requestedData: d.requestedData, status: 'draft',
        description: d.description, ownerKeyId: d.ownerKeyId, by: d.by, createdAt: d.at, lastUpdatedAt: d.at, total: 0, done: 0,
      };
    }
    if (!doc) return null;
    const at = (event.data as { at: string }).at;
    switch (event.type) {
      case 'LogExportUpdated': {
        const d = event.data as LogExportEvents.LogExportUpdated;
        return { ...doc, filtersJson: d.filtersJson, requestedData: d.requestedData, workspaceId: d.workspaceId, lastUpdatedAt: at };
      }
      case 'LogExportStarted':
        return { ...doc, status: 'in_progress', total: 0, done: 0, lastUpdatedAt: at };
      case 'LogExportProgressed': {
        const d = event.data as LogExportEvents.LogExportProgressed;
        return { ...doc, total: d.total, done: d.done, lastUpdatedAt: at };
      }
      case 'LogExportSucceeded': {
        const d = event.data as LogExportEvents.LogExportSucceeded;
        return { ...doc, status: 'success', total: d.total, done: d.total, ...(d.replica ? { replica: d.replica } : {}), lastUpdatedAt: at };
      }
      case 'LogExportFailed':
        return { ...doc, status: 'failed', lastUpdatedAt: at };
      case 'LogExportStopped':
        return { ...doc, status: 'stopped', lastUpdatedAt: at };
      default:
        return doc;
    }
  },
  indexes: {
    byOrg: ['orgId', 'createdAt'],
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
  },
};

export function toLogExportView(doc: LogExportDoc): LogExportView {
  return {
    object: 'export',
    id: doc._id,
    organisation_id: doc.orgId,
    workspace_id: doc.workspaceId,
    filters: JSON.parse(doc.filtersJson) as Record<string, unknown>,
    requested_data: doc.requestedData,
    status: doc.status,
    description: doc.description,
    created_by: doc.by,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    total: doc.total,
    total_records: doc.total,
    records_done: doc.done,
  };
}
