import { IdentitySubjects, type CommandResult, type CreatedOrganisation } from '#libs/contracts';
import type { CliCommand } from '../commands.js';
import { parseArgs, required } from '../shared/args.js';
import { withRpc } from '../shared/rpc.js';

/**
 * `portcullis org create --name <name> --owner-email <email>`: a further, fully isolated
 * organisation. Prints its ids and its master admin key (shown once).
 */
export const orgCreateCommand: CliCommand = {
  name: 'org create',
  summary: 'create an organisation with its owner, default workspace and master admin key',
  async run(args) {
    const { values } = parseArgs(args, { values: ['name', 'owner-email'] });
    const result = await withRpc((rpc, context) =>
      rpc.call<CommandResult<CreatedOrganisation>>(
        IdentitySubjects.createOrganisation,
        { name: required(values, 'name'), owner_email: required(values, 'owner-email') },
        context,
        { timeoutMs: 30_000 },
      ),
    );
    process.stdout.write(`${JSON.stringify(result.data, null, 2)}\n`);
    return 0;
  },
};
