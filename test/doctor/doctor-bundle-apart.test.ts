// `pipe doctor`'s code lives in bundles of its own (dist/bundle/doctor.js, doctor-bench.js) that
// the CLI loads only when doctor runs: no chunk of the CLI's bundle holds any of it. Were one to,
// esbuild would have another entry point to split shared chunks by, and a no-op `pipe status`
// would load more files than before doctor existed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO } from '../rig.js';

const BUNDLE = join(REPO, 'dist', 'bundle');
const DOCTOR_SOURCES = /(^|\/)src\/(doctor\/|cli\/doctor-entry\.ts$|reporters\/doctor\.ts$)/;

test("no chunk of the CLI's bundle holds doctor's modules; its own bundles do", () => {
  expect(existsSync(join(BUNDLE, 'doctor.js'))).toBe(true);
  expect(existsSync(join(BUNDLE, 'doctor-bench.js'))).toBe(true);
  const maps = readdirSync(BUNDLE).filter((f) => f.endsWith('.js.map'));
  expect(maps).toContain('main.js.map');
  const holding = maps.filter((m) => (JSON.parse(readFileSync(join(BUNDLE, m), 'utf8')) as { sources: string[] }).sources.some((s) => DOCTOR_SOURCES.test(s)));
  expect(holding).toEqual([]);
  // the command module itself is in the CLI's bundle, and names the doctor's file, not its modules
  const commandChunk = maps.find((m) => (JSON.parse(readFileSync(join(BUNDLE, m), 'utf8')) as { sources: string[] }).sources.some((s) => s.endsWith('src/cli/commands/doctor.ts')));
  expect(commandChunk).toBeDefined();
  expect(readFileSync(join(BUNDLE, commandChunk!.replace(/\.map$/, '')), 'utf8')).toContain('"./doctor.js"');
});
