// `pipe exp run -S ++key=value` (Hydra's force-add, as DVC's -S takes it): sets a key params.yaml
// has, as key=value does (its type kept), and adds one it lacks, as +key=value does.
import { expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, trainProjectEachTest } from './helpers.js';

const project = trainProjectEachTest();
const { params } = project;

test('++key=value sets a key that is there and adds one that is not', () => {
  const r = pipe(project.dir, 'exp', 'run', '-S', '++train.lr=0.2', '-S', '++train.seed=7');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(params()).toBe('# experiment params\ntrain:\n  lr: 0.2   # learning rate\n  epochs: 2\n  optimizer: adam\n  seed: 7\n');
});

test('++key=value keeps the type of a key that is there, as key=value does', () => {
  const before = params();
  const r = pipe(project.dir, 'exp', 'run', '-S', '++train.lr=fast');
  expect([r.code, r.stderr]).toEqual([2, "error: params.yaml:3:7: param 'train.lr' is a number in params.yaml; 'fast' is a string\nhint: give a number\n"]);
  expect(params()).toBe(before);
  expect(existsSync(join(project.dir, 'runs.log'))).toBe(false);
});
