#!/usr/bin/env node
// Thin launcher: the CLI is compiled and bundled into dist/bundle/ by `npm run build` (run by
// `npm ci` through `prepare`), so a no-op `pipe status` pays no TypeScript compile and loads a
// handful of files at start-up.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'dist', 'bundle', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`pipe: ${entry} is missing; run \`npm run build\` (or \`npm ci\`) in ${root} first\n`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
