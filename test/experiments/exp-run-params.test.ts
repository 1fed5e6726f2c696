// `pipe exp run -S key=value -n name`: params.yaml edited keeping comments and layout, repro
// run, the record named; unknown keys and type changes refused before anything runs.
import { expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, trainProjectEachTest, writeFiles } from './helpers.js';

const project = trainProjectEachTest();
const { params } = project;
const records = () => readdirSync(join(project.dir, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(project.dir, 'metrics/experiments', f), 'utf8')));

test('-S sets the value keeping comments, runs repro, and records the experiment under -n', () => {
  const r = pipe(project.dir, 'exp', 'run', '-S', 'train.lr=0.001', '-S', 'train.optimizer=sgd', '-n', 'lr-small');
  expect(r.code).toBe(0);
  expect(params()).toBe('# experiment params\ntrain:\n  lr: 0.001   # learning rate\n  epochs: 2\n  optimizer: sgd\n');
  expect(readFileSync(join(project.dir, 'runs.log'), 'utf8')).toBe('ran\n');
  const [rec] = records();
  expect(rec).toMatchObject({
    name: 'lr-small',
    params: { train: { lr: 0.001, epochs: 2, optimizer: 'sgd' } },
    metrics: { 'metrics/train.json': { val_accuracy: 0.499, backend: 'cpu' } },
    backend: 'cpu',
    stages: [{ name: 'train', outcome: 'ran' }],
  });
});

test.each([
  ['train.lrate=0.1', "error: unknown param 'train.lrate': it is not in params.yaml\nhint: -S key=value sets only keys params.yaml already has: check the spelling there, or add it: -S '+train.lrate=0.1'\n"],
  ['train.epoch=3', "error: unknown param 'train.epoch': it is not in params.yaml; did you mean 'train.epochs'?\nhint: -S 'train.epochs=3'\n"],
  ['train.lr=fast', "error: params.yaml:3:7: param 'train.lr' is a number in params.yaml; 'fast' is a string\nhint: give a number\n"],
  ['train.epochs=[1, 2]', "error: params.yaml:4:11: param 'train.epochs' is a number in params.yaml; '[1, 2]' is a list\nhint: give a number\n"],
  ['train.optimizer=1', "error: params.yaml:5:14: param 'train.optimizer' is a string in params.yaml; '1' is a number\nhint: quote it to pass a string: -S 'train.optimizer=\"1\"'\n"],
  ['lr', "error: -S 'lr': expected key=value, e.g. -S train.epochs=10\n"],
])('-S %s is refused with exit 2 before anything runs', (set, stderr) => {
  const before = params();
  const r = pipe(project.dir, 'exp', 'run', '-S', set);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(stderr);
  expect(params()).toBe(before);
  expect(existsSync(join(project.dir, 'runs.log'))).toBe(false);
  expect(existsSync(join(project.dir, 'metrics'))).toBe(false);
});

test('-S with a space for the = names the -S, not the value left over as a stage name', () => {
  const before = params();
  const r = pipe(project.dir, 'exp', 'run', '-S', 'train.epochs', '5');
  expect([r.code, r.stderr]).toEqual([2, "error: -S 'train.epochs': expected key=value; with a space for the '=', '5' was read as a stage name: write -S train.epochs=5\n"]);
  expect(params()).toBe(before);
});

test('a name already used by an experiment is refused with exit 2', () => {
  expect(pipe(project.dir, 'exp', 'run', '-n', 'base').code).toBe(0);
  const r = pipe(project.dir, 'exp', 'run', '-S', 'train.lr=0.5', '-n', 'base');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: experiment name 'base' is already used by \d{8}-\d{6}-[0-9a-f]{4}\nhint: choose another name with -n\n$/);
  expect(params()).toContain('lr: 0.01 ');
});

test('nothing to run: exit 0 and a note that no experiment was recorded under the name', () => {
  expect(pipe(project.dir, 'exp', 'run', '-n', 'first').code).toBe(0);
  const r = pipe(project.dir, 'exp', 'run', '-n', 'second');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("note: nothing ran or was restored, so no experiment 'second' was recorded (its results are those of the last run)\n");
  expect(records().map((x) => x.name)).toEqual(['first']);
});

test('while another pipe command holds the project, params.yaml is left alone (exit 1)', () => {
  writeFiles(project.dir, { '.pipe/repro.lock': `${process.pid}\n` }); // this test process: alive
  const before = params();
  const r = pipe(project.dir, 'exp', 'run', '-S', 'train.lr=0.5');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    `error: cannot set params in params.yaml: another pipe command is running in this project (locked by pid ${process.pid})\nhint: wait for it to finish, then try again\n`,
  );
  expect(params()).toBe(before);
  expect(existsSync(join(project.dir, 'runs.log'))).toBe(false);
});
