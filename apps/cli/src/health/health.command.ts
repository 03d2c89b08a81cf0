import type { CliCommand } from '../commands.js';

/** `portcullis health [--url http://127.0.0.1:8787]`: asks the gateway whether every service answers. */
export const healthCommand: CliCommand = {
  name: 'health',
  summary: 'ask the gateway whether every service answers (--url, default http://127.0.0.1:$PORT)',
  async run(args) {
    const urlIndex = args.indexOf('--url');
    const base = urlIndex >= 0 ? args[urlIndex + 1] : `http://127.0.0.1:${process.env.PORT ?? 8787}`;
    const response = await fetch(`${base}/v1/health`);
    process.stdout.write(`${JSON.stringify(await response.json(), null, 2)}\n`);
    return response.ok ? 0 : 1;
  },
};
