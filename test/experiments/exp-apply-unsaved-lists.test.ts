// `pipe exp apply`'s guard weighs a list param as one value, as apply writes it back whole: a
// list edited by hand and never run is named by its own key (`train.seeds`), shortened ones too.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    params: [train.seeds]\n' });
  await recordWith(dir, { 'params.yaml': 'train:\n  seeds: [1, 2]\n' }, { name: 'two', at: '2026-11-29T01:00:00Z' });
});
afterEach(() => cleanup());

const HINT = 'hint: to keep them, commit params.yaml to git or run it with `pipe exp run`; to overwrite them, `pipe exp apply --force two`\n';

test.each([
  ['an item changed', '[1, 3]'],
  ['the list shortened', '[1]'],
])('%s by hand: refused, naming the list', (_what, seeds) => {
  const edited = `train:\n  seeds: ${seeds}\n`;
  writeFileSync(join(dir, 'params.yaml'), edited);
  const r = pipe(dir, 'exp', 'apply', 'two');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: applying two would overwrite params.yaml values no commit or experiment record holds (train.seeds)\n${HINT}`]);
  expect(readFileSync(join(dir, 'params.yaml'), 'utf8')).toBe(edited);
});
