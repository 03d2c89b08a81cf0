/** Event payloads of log exports (analytics service). Stream: `logExport-<id>`. */
export interface LogExportCreated {
  exportId: string;
  orgId: string;
  workspaceId: string | null;
  filtersJson: string;
  requestedData: string[];
  description: string | null;
  ownerKeyId: string;
  by: string;
  at: string;
}
export interface LogExportUpdated {
  exportId: string;
  filtersJson: string;
  requestedData: string[];
  workspaceId: string | null;
  at: string;
}
export interface LogExportStarted {
  exportId: string;
  at: string;
}
export interface LogExportProgressed {
  exportId: string;
  total: number;
  done: number;
  at: string;
}
export interface LogExportSucceeded {
  exportId: string;
  total: number;
  bytes: number;
  /** The analytics replica whose data directory holds the file. */
  replica?: string;
  at: string;
}
export interface LogExportFailed {
  exportId: string;
  reason: string;
  at: string;
}
export interface LogExportStopped {
  exportId: string;
  at: string;
}
