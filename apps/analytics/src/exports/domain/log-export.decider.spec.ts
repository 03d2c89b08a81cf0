import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { logExportDecider, type LogExportEvent } from './log-export.decider.js';

const at = '2026-12-02T00:00:00.000Z';
const created: LogExportEvent = {
  type: 'LogExportCreated',
  data: { exportId: 'ex_1', orgId: 'org_1', workspaceId: 'ws_a', filtersJson: '{}', requestedData: ['id'], description: null, ownerKeyId: 'key_1', by: 'key_1', at },
};
const started: LogExportEvent = { type: 'LogExportStarted', data: { exportId: 'ex_1', at } };

describe('log export decider', () => {
  it('a draft starts', () => deciderSpec(logExportDecider).given([created]).when({ type: 'StartLogExport', exportId: 'ex_1', at }).then([started]));

  it('a running export cannot start twice or be changed', () => {
    deciderSpec(logExportDecider).given([created, started]).when({ type: 'StartLogExport', exportId: 'ex_1', at }).thenThrows({ code: 'ANALYTICS.EXPORT_STATE' });
    deciderSpec(logExportDecider).given([created, started]).when({ type: 'UpdateLogExport', exportId: 'ex_1', filtersJson: '{}', requestedData: [], workspaceId: null, at }).thenThrows({ code: 'ANALYTICS.EXPORT_STATE' });
  });

  it('a stopped export makes no further progress (the job notices a cancel from any replica)', () =>
    deciderSpec(logExportDecider)
      .given([created, started, { type: 'LogExportStopped', data: { exportId: 'ex_1', at } }])
      .when({ type: 'RecordLogExportProgress', exportId: 'ex_1', total: 10, done: 5, at })
      .thenThrows({ code: 'ANALYTICS.EXPORT_STATE' }));

  it('only a running export can be cancelled', () =>
    deciderSpec(logExportDecider).given([created]).when({ type: 'CancelLogExport', exportId: 'ex_1', at }).thenThrows({ code: 'ANALYTICS.EXPORT_STATE' }));
});
