// A queued experiment whose run stops part-way (one stage ran, the next failed) is recorded as
// such: the note does not offer `pipe exp apply` for it as for a finished run.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  let base: string;
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
  writeFileSync(join(dir, 'pipeline.yaml'), 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n  b:\n    cmd: cat a.txt && exit 3\n    deps: [a.txt]\n');
  writeFileSync(join(dir, '.gitignore'), '/.pipe/\n/cache/\n/a.txt\n');
  gitInit(dir);
  commitAll(dir, 'init');
});
afterEach(() => cleanup());

test('a run that stopped part-way: recorded, and said to be unfinished', () => {
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'half').code).toBe(0);
  const r = pipe(dir, 'exp', 'queue', 'start');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/\nnote: recorded in metrics\/experiments\/ as \d{8}-\d{6}-[0-9a-f]{4}, a run that did not finish \(`pipe exp show` marks it\)\nnote: ran 1 queued experiment; 1 failed\n$/);
  expect(r.stderr).not.toMatch(/pipe exp apply/);
});
