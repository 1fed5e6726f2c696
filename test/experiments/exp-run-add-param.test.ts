// `pipe exp run -S +key=value` (Hydra's append, as DVC's -S takes it): adds a key params.yaml does
// not have yet, making the mappings its path lacks, every other byte of the file kept; a key that
// is there already is refused (exit 2) before anything runs.
import { expect, test } from 'vitest';
import { pipe, trainProjectEachTest } from './helpers.js';

const PARAMS = '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  epochs: 2\n  optimizer: adam\n\n# evaluation\neval: {batch: 8}   # small\n';

const project = trainProjectEachTest(PARAMS);
const { params, ran } = project;

test('+key=value adds keys, and the mappings their paths lack, keeping every other byte', () => {
  const r = pipe(project.dir, 'exp', 'run', '-S', '+train.dropout=0.5', '-S', '+train.opt.beta=0.9', '-S', '+eval.seed=3', '-S', '+tags=[a, b]');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(params()).toBe(
    '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  epochs: 2\n  optimizer: adam\n  dropout: 0.5\n  opt:\n    beta: 0.9\n\n# evaluation\neval: {batch: 8, seed: 3}   # small\ntags:\n  - a\n  - b\n',
  );
  expect(ran()).toBe('ran\n');
});

test.each([
  [
    '+train.lr=0.5',
    "error: params.yaml:3:7: cannot add param 'train.lr': params.yaml has it already (0.01); +key=value adds only a key that is not there\nhint: -S 'train.lr=0.5' changes it; -S '++train.lr=0.5' sets it whether it is there or not\n",
  ],
  [
    '+train.lr.decay=0.5',
    "error: params.yaml:3:7: cannot add param 'train.lr.decay': 'train.lr' is a number in params.yaml, not a mapping\nhint: +key=value adds keys to mappings; -S 'train.lr={decay: 0.5}' makes 'train.lr' one\n",
  ],
  ['+train.dropout', "error: -S '+train.dropout': expected +key=value, e.g. -S '+train.dropout=0.5'\n"],
  ['+params.yaml:train.dropout=0.5', "error: -S '+params.yaml:train.dropout=0.5': the '+' goes on the key, after the file: -S 'params.yaml:+train.dropout=0.5'\n"],
])('-S %s is refused with exit 2 before anything runs', (set, stderr) => {
  const r = pipe(project.dir, 'exp', 'run', '-S', set);
  expect([r.code, r.stderr]).toEqual([2, stderr]);
  expect(params()).toBe(PARAMS);
  expect(ran()).toBe('');
});

test('a plain -S key=value for a key params.yaml lacks still names the closest key, or says how to add it', () => {
  expect(pipe(project.dir, 'exp', 'run', '-S', 'train.dropuot=0.5').stderr).toBe("error: unknown param 'train.dropuot': it is not in params.yaml\nhint: -S key=value sets only keys params.yaml already has: check the spelling there, or add it: -S '+train.dropuot=0.5'\n");
  expect(pipe(project.dir, 'exp', 'run', '-S', 'train.epoch=3').stderr).toBe("error: unknown param 'train.epoch': it is not in params.yaml; did you mean 'train.epochs'?\nhint: -S 'train.epochs=3'\n");
  expect(params()).toBe(PARAMS);
});

test('--help names the overrides', () => {
  expect(pipe(project.dir, 'exp', 'run', '--help').stdout.replace(/\s+/g, ' ')).toContain("Hydra's overrides: +key=value adds a key that is not there, ++key=value sets it either way, ~key removes it, ~key=value only where it has that value");
});
