#!/usr/bin/env node
// `npx portcullis …` / `npm run portcullis -- …`: builds when needed, then runs the CLI.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { ensureBuild } = await import(pathToFileURL(join(root, 'deploy', 'local', 'lib', 'deps.mjs')).href);
if (existsSync(join(root, 'node_modules'))) ensureBuild(root);
const { main } = await import(pathToFileURL(join(root, 'dist', 'apps', 'cli', 'src', 'main.js')).href);
process.exitCode = await main(process.argv.slice(2));
