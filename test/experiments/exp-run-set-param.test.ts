// `pipe exp run --set-param key=value`: DVC's long form of -S sets the param as -S does; the
// older long form `--set` is still taken.
import { expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, trainProjectEachTest } from './helpers.js';

const project = trainProjectEachTest();
const { params } = project;
const recorded = () => readdirSync(join(project.dir, 'metrics/experiments')).map((f) => (JSON.parse(readFileSync(join(project.dir, 'metrics/experiments', f), 'utf8')) as { name: string; params: unknown }));

test('--set-param sets the param, as -S does', () => {
  const r = pipe(project.dir, 'exp', 'run', '--set-param', 'train.lr=0.2', '--set-param', 'train.epochs=3', '-n', 'long-form');
  expect(r.code).toBe(0);
  expect(params()).toBe('# experiment params\ntrain:\n  lr: 0.2   # learning rate\n  epochs: 3\n  optimizer: adam\n');
  expect(recorded().map((x) => [x.name, x.params])).toEqual([['long-form', { train: { lr: 0.2, epochs: 3, optimizer: 'adam' } }]]);
});

test('--set, the earlier long form, still sets it, with -S beside it', () => {
  const r = pipe(project.dir, 'exp', 'run', '--set', 'train.lr=0.3', '-S', 'train.epochs=4');
  expect(r.code).toBe(0);
  expect(params()).toBe('# experiment params\ntrain:\n  lr: 0.3   # learning rate\n  epochs: 4\n  optimizer: adam\n');
});

test('--help names -S, --set-param', () => {
  expect(pipe(project.dir, 'exp', 'run', '--help').stdout).toMatch(/\n {2}-S, --set-param <\[file:\]key=value> {2}set a param/);
});
