import 'reflect-metadata';
import { commands, usage } from './commands.js';

/** Entry point of the `portcullis` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name || c.name === `${name} ${rest[0] ?? ''}`.trim());
  if (!command) {
    process.stderr.write(`unknown command "${argv.join(' ')}"\n\n${usage()}`);
    return 2;
  }
  const args = command.name.includes(' ') ? rest.slice(1) : rest;
  try {
    return await command.run(args);
  } catch (error) {
    process.stderr.write(`portcullis ${command.name}: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}
