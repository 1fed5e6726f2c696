// `pipe exp queue` shows an experiment queued with `exp run -f` (its repro runs the stages even
// when up to date) by `-f` among its run options, before its `-S` settings, while it waits and
// once it has run; one queued without `-f` shows none.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  let base: string;
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
  writeFiles(dir, {
    'params.yaml': 'lr: 0.1\n',
    'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${lr} > out.txt\n    outs: [out.txt]\n',
    '.gitignore': '/.pipe/\n/cache/\n',
  });
  gitInit(dir);
  commitAll(dir, 'init');
});
afterEach(() => cleanup());

const T = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}';

test('-f is listed with the run options, queued and finished', () => {
  expect(pipe(dir, 'exp', 'run', '--queue', '-f', '-n', 'forced', '-S', 'lr=0.2').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'plain').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'bare-f', '-f').code).toBe(0);
  const queued = pipe(dir, 'exp', 'queue');
  expect([queued.code, queued.stderr]).toEqual([0, '']);
  expect(queued.stdout).toMatch(new RegExp(`^Experiment  Status  Queued {12}Stages  Run options\\nforced {6}queued  ${T}  \\(all\\)   -f -S lr=0\\.2\\nplain {7}queued  ${T}  \\(all\\)\\nbare-f {6}queued  ${T}  \\(all\\)   -f\\n$`));

  const start = pipe(dir, 'exp', 'queue', 'start');
  expect(start.code).toBe(0);
  const done = pipe(dir, 'exp', 'queue');
  expect([done.code, done.stderr]).toEqual([0, '']);
  expect(done.stdout).toMatch(new RegExp(`^Experiment  Status   Queued {12}Stages  Run options\\nforced {6}success  ${T}  \\(all\\)   -f -S lr=0\\.2\\nplain {7}success  ${T}  \\(all\\)\\nbare-f {6}success  ${T}  \\(all\\)   -f\\n$`));
  // the finished run's file says so as the entry did: `"force": true` only where -f was given
  const doneDir = join(dir, '.pipe/exps/done');
  const files = readdirSync(doneDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(doneDir, f), 'utf8')) as { name: string; force?: boolean });
  expect(files.map((f) => [f.name, f.force]).sort()).toEqual([['bare-f', true], ['forced', true], ['plain', undefined]]);
});
