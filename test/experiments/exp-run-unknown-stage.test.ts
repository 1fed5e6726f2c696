// `pipe exp run -S ... STAGE` with a stage pipeline.yaml does not have, or with a pipeline.yaml
// that does not parse: refused before params.yaml is written or a worktree made.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\nruns.log\n' });
});
afterEach(() => cleanup());

const params = () => readFileSync(join(dir, 'params.yaml'), 'utf8');
const MESSAGE = "error: no stage named 'trian' in pipeline.yaml (stages: train); did you mean 'train'?\n";

test('a mistyped stage leaves params.yaml as it was', () => {
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.2', '-n', 'x', 'trian');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', MESSAGE]);
  expect(params()).toBe(TRAIN_PROJECT['params.yaml']);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
  // the stage as named in pipeline.yaml, and a foreach-style copy of it, are let through
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.2', 'train').code).toBe(0);
  expect(params()).toMatch(/lr: 0\.2 /);
});

test('a mistyped stage makes no worktree for --queue or --temp; the two together are refused', () => {
  gitInit(dir);
  commitAll(dir, 'init');
  for (const mode of ['--queue', '--temp']) {
    const r = pipe(dir, 'exp', 'run', mode, '-S', 'train.lr=0.2', 'trian');
    expect([mode, r.code, r.stderr]).toEqual([mode, 2, MESSAGE]);
  }
  expect(existsSync(join(dir, '.pipe/exps')) ? readdirSync(join(dir, '.pipe/exps')) : []).toEqual([]);
  const both = pipe(dir, 'exp', 'run', '--temp', '--queue');
  expect([both.code, both.stderr]).toEqual([2, "error: option '--temp' cannot be used with option '--queue'\n(run `pipe exp run --help` for usage)\n"]);
});

test('a pipeline.yaml that does not parse leaves params.yaml as it was', () => {
  writeFiles(dir, { 'pipeline.yaml': `${TRAIN_PROJECT['pipeline.yaml']}    desc: a: b\n` });
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.2');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toMatch(/^error: pipeline\.yaml:7:\d+: YAML syntax error: [^\n]*; no param was set and nothing ran\nhint: `pipe status` shows every error of pipeline\.yaml with its line\n$/);
  expect(params()).toBe(TRAIN_PROJECT['params.yaml']);
  expect(pipe(dir, 'status').stderr).toMatch(/^error: pipeline\.yaml:7:\d+: YAML syntax error: /);
});

test('a pipeline that fails to load with the -S values: nothing runs and params.yaml goes back', () => {
  // a dep naming a param params.yaml lacks: loads fail whatever -S sets
  writeFiles(dir, { 'pipeline.yaml': `${TRAIN_PROJECT['pipeline.yaml']}`.replace('deps: [train.js]', 'deps: [train.js, "${train.srcx}"]') });
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.2');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: pipeline\.yaml:4:\d+: param 'train\.srcx' used by stage 'train' is not in params\.yaml\n[^]*note: nothing ran, so params\.yaml is back as it was \(without the -S values\)\n$/);
  expect(params()).toBe(TRAIN_PROJECT['params.yaml']);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
});
