import { healthCommand } from './health/health.command.js';
import { orgCreateCommand } from './org/org-create.command.js';
import { auditExportCommand } from './audit/audit-export.command.js';
import { auditPruneCommand } from './audit/audit-prune.command.js';
import { auditReplayCommand } from './audit/audit-replay.command.js';
import { auditVerifyCommand } from './audit/audit-verify.command.js';
import { stateAtCommand } from './state-at/state-at.command.js';
import { projectionsRetryCommand } from './projections/projections-retry.command.js';
import { projectionsStatusCommand } from './projections/projections-status.command.js';
import { keysRewrapCommand } from './keys/keys-rewrap.command.js';
import { analyticsRebuildCommand } from './analytics/analytics-rebuild.command.js';

export interface CliCommand {
  name: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: CliCommand[] = [
  healthCommand,
  orgCreateCommand,
  auditReplayCommand,
  auditVerifyCommand,
  auditExportCommand,
  auditPruneCommand,
  stateAtCommand,
  projectionsStatusCommand,
  projectionsRetryCommand,
  keysRewrapCommand,
  analyticsRebuildCommand,
];

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: portcullis <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}
