import { healthCommand } from './health/health.command.js';
import { orgCreateCommand } from './org/org-create.command.js';

export interface CliCommand {
  name: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: CliCommand[] = [healthCommand, orgCreateCommand];

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: portcullis <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}
