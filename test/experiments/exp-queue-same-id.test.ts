// A queued (or --temp) experiment is recorded under the id it was queued as: the one `pipe exp
// run --queue` and `exp queue start` print and its worktree is named after, so `exp show` and
// `exp apply` take the id the queue showed.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\nruns.log\n' });
  gitInit(dir);
  commitAll(dir, 'init');
});
afterEach(() => cleanup());

test('queued as ID, recorded as ID', () => {
  const queued = pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.1');
  expect(queued.code).toBe(0);
  const id = /^note: queued (\d{8}-\d{6}-[0-9a-f]{4}) in /.exec(queued.stderr)?.[1];
  expect(id).toBeDefined();
  const start = pipe(dir, 'exp', 'queue', 'start');
  expect(start.code).toBe(0);
  expect(start.stderr).toContain(`note: running ${id} in ../.repo-exp-${id}/\nnote: recorded in metrics/experiments/ as ${id}: \`pipe exp apply ${id}\``);
  expect(readdirSync(join(dir, 'metrics/experiments'))).toEqual([`${id}.json`]);
  const show = pipe(dir, 'exp', 'show', id ?? '', '--csv');
  expect([show.code, show.stdout.split('\n')[1]?.split(',')[0]]).toEqual([0, id]);
});

test('--temp: recorded under the id of its worktree', () => {
  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'train.lr=0.2');
  expect(r.code).toBe(0);
  const id = /^note: running in \.\.\/\.repo-exp-(\d{8}-\d{6}-[0-9a-f]{4})\//m.exec(r.stderr)?.[1];
  expect(id).toBeDefined();
  expect(readdirSync(join(dir, 'metrics/experiments'))).toEqual([`${id}.json`]);
});
