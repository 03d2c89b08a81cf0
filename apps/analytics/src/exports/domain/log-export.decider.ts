import { DomainError, type LogExportEvents, type LogExportStatus } from '#libs/contracts';
import type { Decider } from '#libs/event-store';

export type LogExportCommand =
  | ({ type: 'CreateLogExport' } & LogExportEvents.LogExportCreated)
  | ({ type: 'UpdateLogExport' } & LogExportEvents.LogExportUpdated)
  | ({ type: 'StartLogExport' } & LogExportEvents.LogExportStarted)
  | ({ type: 'RecordLogExportProgress' } & LogExportEvents.LogExportProgressed)
  | ({ type: 'CompleteLogExport' } & LogExportEvents.LogExportSucceeded)
  | ({ type: 'FailLogExport' } & LogExportEvents.LogExportFailed)
  | ({ type: 'CancelLogExport' } & LogExportEvents.LogExportStopped);

export type LogExportEvent =
  | { type: 'LogExportCreated'; data: LogExportEvents.LogExportCreated }
  | { type: 'LogExportUpdated'; data: LogExportEvents.LogExportUpdated }
  | { type: 'LogExportStarted'; data: LogExportEvents.LogExportStarted }
  | { type: 'LogExportProgressed'; data: LogExportEvents.LogExportProgressed }
  | { type: 'LogExportSucceeded'; data: LogExportEvents.LogExportSucceeded }
  | { type: 'LogExportFailed'; data: LogExportEvents.LogExportFailed }
  | { type: 'LogExportStopped'; data: LogExportEvents.LogExportStopped };

export interface LogExportState {
  created: LogExportEvents.LogExportCreated | null;
  status: LogExportStatus;
}

export const exportNotFound = (id: string) => new DomainError('ANALYTICS.EXPORT_NOT_FOUND', `export ${id} was not found`, 404, { errorCode: 'AB08' });
const wrongState = (id: string, status: LogExportStatus, what: string) =>
  new DomainError('ANALYTICS.EXPORT_STATE', `export ${id} is ${status}: it cannot ${what}`, 409, { errorCode: 'AB07', status });

const RUNNING: LogExportStatus[] = ['in_progress'];

/** An export's lifecycle: draft → in_progress → success | failed | stopped; a finished or stopped export may start again. */
export const logExportDecider: Decider<LogExportCommand, LogExportEvent, LogExportState> = {
  initialState: () => ({ created: null, status: 'draft' }),

  decide(command, state) {
    const { type, ...data } = command;
    if (type === 'CreateLogExport') {
      if (state.created) throw new DomainError('ANALYTICS.EXPORT_EXISTS', `export ${command.exportId} exists`, 409, { errorCode: 'AB07' });
      return [{ type: 'LogExportCreated', data: data as LogExportEvents.LogExportCreated }];
    }
    if (!state.created) throw exportNotFound(command.exportId);
    const running = RUNNING.includes(state.status);
    switch (type) {
      case 'UpdateLogExport':
        if (running) throw wrongState(command.exportId, state.status, 'be changed while it runs');
        return [{ type: 'LogExportUpdated', data: data as LogExportEvents.LogExportUpdated }];
      case 'StartLogExport':
        if (running) throw wrongState(command.exportId, state.status, 'start again');
        return [{ type: 'LogExportStarted', data: data as LogExportEvents.LogExportStarted }];
      case 'CancelLogExport':
        if (!running) throw wrongState(command.exportId, state.status, 'be cancelled');
        return [{ type: 'LogExportStopped', data: data as LogExportEvents.LogExportStopped }];
      case 'RecordLogExportProgress':
        if (!running) throw wrongState(command.exportId, state.status, 'make progress');
        return [{ type: 'LogExportProgressed', data: data as LogExportEvents.LogExportProgressed }];
      case 'CompleteLogExport':
        if (!running) throw wrongState(command.exportId, state.status, 'complete');
        return [{ type: 'LogExportSucceeded', data: data as LogExportEvents.LogExportSucceeded }];
      case 'FailLogExport':
        if (!running) throw wrongState(command.exportId, state.status, 'fail');
        return [{ type: 'LogExportFailed', data: data as LogExportEvents.LogExportFailed }];
      default: {
        const never: never = type;
        return never;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LogExportCreated':
        return { created: event.data, status: 'draft' };
      case 'LogExportUpdated':
        return state.created ? { ...state, created: { ...state.created, filtersJson: event.data.filtersJson, requestedData: event.data.requestedData, workspaceId: event.data.workspaceId } } : state;
      case 'LogExportStarted':
        return { ...state, status: 'in_progress' };
      case 'LogExportProgressed':
        return state;
      case 'LogExportSucceeded':
        return { ...state, status: 'success' };
      case 'LogExportFailed':
        return { ...state, status: 'failed' };
      case 'LogExportStopped':
        return { ...state, status: 'stopped' };
      default:
        return state;
    }
  },
};
