// `pipe diff`'s code lives in a bundle of its own (dist/bundle/diff.js) that the CLI loads only
// when diff runs: no chunk of the CLI's bundle holds any of it. Were one to, esbuild would split
// the shared chunks by another entry point, and a no-op `pipe status` would load more files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO } from '../rig.js';

const BUNDLE = join(REPO, 'dist', 'bundle');
const DIFF_SOURCES = /(^|\/)src\/(engine\/data-diff\.ts|cli\/diff-entry\.ts|reporters\/data-diff\.ts)$/;

test("no chunk of the CLI's bundle holds diff's modules; its own bundle does", () => {
  expect(existsSync(join(BUNDLE, 'diff.js'))).toBe(true);
  const maps = readdirSync(BUNDLE).filter((f) => f.endsWith('.js.map'));
  const sources = (m: string): string[] => (JSON.parse(readFileSync(join(BUNDLE, m), 'utf8')) as { sources: string[] }).sources;
  expect(maps).toContain('main.js.map');
  expect(maps.filter((m) => sources(m).some((s) => DIFF_SOURCES.test(s)))).toEqual([]);
  // the command module itself is in the CLI's bundle, and names diff's file, not its modules
  const commandChunk = maps.find((m) => sources(m).some((s) => s.endsWith('src/cli/commands/diff.ts')));
  expect(commandChunk).toBeDefined();
  expect(readFileSync(join(BUNDLE, commandChunk!.replace(/\.map$/, '')), 'utf8')).toContain('"./diff.js"');
  expect(readFileSync(join(BUNDLE, 'diff.js'), 'utf8')).toContain('files summary: ');
});
