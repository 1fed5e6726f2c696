// `pipe exp remove` on real runs in a git repository: `pipe gc` stops keeping the outputs only
// the removed records referred to (pipeline.lock still keeps its own), and for a record git
// tracks it says that git still has it and how to get it back (paths as typed where pipe runs).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\nruns.log\n' });
  gitInit(dir);
  commitAll(dir, 'init');
});
afterEach(() => cleanup());

const ids = () => readdirSync(join(dir, 'metrics/experiments')).map((f) => f.replace(/\.json$/, '')).sort();
const idOf = (name: string) => (JSON.parse(pipe(dir, 'exp', 'show', name, '--json').stdout) as { id: string }[])[0]?.id;
// the experiments (in git the workspace and baseline rows come first)
const shown = () => (JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { type: string; name: string }[]).filter((r) => r.type === 'experiment').map((r) => r.name);

test('records removed: gc frees what only they kept, git still has the tracked one, git checkout brings it back', () => {
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'big').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.001', '-n', 'small').code).toBe(0);
  const [big, small] = [idOf('big'), idOf('small')];
  commitAll(dir, 'two experiments');
  // not committed, and the last run: pipeline.lock keeps its outputs
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.2', '-n', 'mid').code).toBe(0);
  const mid = idOf('mid');
  expect(pipe(dir, 'gc', '-n').stdout).toBe('Would remove 0 cache objects (0 B) and 0 run-cache entries; 3 objects would be kept (pipeline.lock and 3 experiments).\n');

  mkdirSync(join(dir, 'sub'));
  const r = pipe(join(dir, 'sub'), 'exp', 'remove', 'big', 'mid');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `removed big (metrics/experiments/${big}.json)\nremoved mid (metrics/experiments/${mid}.json)\n`,
    'note: the cache keeps their outputs until `pipe gc`, which now keeps them only where pipeline.lock or another record refers to them\n' +
      `note: git still has 1 of them: \`git checkout -- ../metrics/experiments/${big}.json\` brings it back; commit the deletion to drop it from git too\n`,
  ]);
  expect(ids()).toEqual([small]);
  // big's metrics file, {"val_accuracy":0.4,"backend":"cpu"}, and its run-cache entry
  const bytes = JSON.stringify({ val_accuracy: 0.4, backend: 'cpu' }).length;
  expect(pipe(dir, 'gc', '-n').stdout).toBe(`Would remove 1 cache object (${bytes} B) and 1 run-cache entry; 2 objects would be kept (pipeline.lock and 1 experiment).\n`);

  git(join(dir, 'sub'), 'checkout', '--', `../metrics/experiments/${big}.json`);
  expect(shown()).toEqual(['big', 'small']);
  expect(git(dir, 'status', '--porcelain', '--', 'metrics/experiments')).toBe(''); // the tracked records as committed, mid gone
});

test('a record only added to git (not committed) is tracked too; one alone is "it"', () => {
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'big').code).toBe(0);
  const [big] = ids();
  git(dir, 'add', '-A');
  const r = pipe(dir, 'exp', 'remove', 'big');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `removed big (metrics/experiments/${big}.json)\n`,
    'note: the cache keeps its outputs until `pipe gc`, which now keeps them only where pipeline.lock or another record refers to them\n' +
      `note: git still has it: \`git checkout -- metrics/experiments/${big}.json\` brings it back; commit its deletion to drop it from git too\n`,
  ]);
  git(dir, 'checkout', '--', `metrics/experiments/${big}.json`);
  expect(shown()).toEqual(['big']);
});
