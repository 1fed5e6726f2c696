// `pipe exp run -S ~key` and `-S ~key=value` (Hydra's delete, as DVC's -S takes it): the key's
// lines cut from params.yaml, every other byte kept; `~key=value` only where the key has that
// value. A key that is not there, or another value, is refused (exit 2) before anything runs.
import { expect, test } from 'vitest';
import { pipe, trainProjectEachTest } from './helpers.js';

const PARAMS = '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  epochs: 2\n  optimizer: adam\n  sched:\n    # halve it\n    gamma: 0.5\n\n# evaluation\neval: {batch: 8, seed: 1}   # small\nlayers: [4, 8]\n';

const project = trainProjectEachTest(PARAMS);
const { params, ran } = project;

test('~key removes the key with the lines under it, ~key=value where the value matches, the rest kept', () => {
  const r = pipe(project.dir, 'exp', 'run', '-S', '~train.sched', '-S', '~train.epochs=2', '-S', '~eval.seed');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(params()).toBe('# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  optimizer: adam\n\n# evaluation\neval: {batch: 8}   # small\nlayers: [4, 8]\n');
  expect(ran()).toBe('ran\n');
});

test('the last key of a mapping leaves it empty, {}', () => {
  expect(pipe(project.dir, 'exp', 'run', '-S', '~train.sched.gamma').code).toBe(0);
  expect(params()).toBe(PARAMS.replace('  sched:\n    # halve it\n    gamma: 0.5\n', '  sched: {}\n'));
});

test.each([
  [
    '~train.epochs=3',
    "error: params.yaml:4:11: param 'train.epochs' is 2 in params.yaml, not 3: ~key=value removes it only where it has that value\nhint: -S '~train.epochs' removes it whatever its value\n",
  ],
  ['~train.epoch', "error: cannot remove param 'train.epoch': it is not in params.yaml; did you mean 'train.epochs'?\nhint: -S '~train.epochs'\n"],
  ['~train.momentum', "error: cannot remove param 'train.momentum': it is not in params.yaml\nhint: ~ removes a key params.yaml has: check the spelling there\n"],
  ['~layers.0', "error: params.yaml:12:10: cannot remove 'layers.0': 'layers' is a list in params.yaml; ~ removes a key of a mapping\nhint: give the list without that item: -S 'layers=[...]'\n"],
  ['~', "error: -S '~': expected ~key or ~key=value, e.g. -S '~train.dropout'\n"],
])('-S %s is refused with exit 2 before anything runs', (set, stderr) => {
  const r = pipe(project.dir, 'exp', 'run', '-S', set);
  expect([r.code, r.stderr]).toEqual([2, stderr]);
  expect(params()).toBe(PARAMS);
  expect(ran()).toBe('');
});

test('removing a param a stage reads: the pipeline does not load, nothing runs, params.yaml is put back', () => {
  const r = pipe(project.dir, 'exp', 'run', '-S', '~train.lr');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("param 'train.lr' listed by stage 'train' is not in params.yaml");
  expect(r.stderr).toContain('note: nothing ran, so params.yaml is back as it was (without the -S values)\n');
  expect(params()).toBe(PARAMS);
  expect(ran()).toBe('');
});
