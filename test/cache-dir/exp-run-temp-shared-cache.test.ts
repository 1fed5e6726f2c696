// `pipe exp run --temp` in a project whose pipe.config.yaml puts the cache elsewhere, by a relative
// `cache.dir` that the worktree (beside the repository) would resolve to a folder of its own: the
// run stores into the project's cache folder, and `pipe exp apply` restores from it.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from '../experiments/helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
});
afterEach(() => cleanup());

test('a temp run stores into the cache folder cache.dir names, relative to the project', () => {
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\n/.pcache/\nruns.log\n', 'pipe.config.yaml': 'cache:\n  dir: .pcache\n' });
  gitInit(dir);
  commitAll(dir, 'init');
  expect(pipe(dir, 'repro').code).toBe(0);
  const shared = join(dir, '.pcache', 'objects');
  const before = readdirSync(shared).length;
  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'train.lr=0.001', '-n', 'small');
  expect(r.code).toBe(0);
  expect(readdirSync(shared).length).toBeGreaterThan(before);
  expect(existsSync(join(dir, 'cache'))).toBe(false);
  const applied = pipe(dir, 'exp', 'apply', 'small');
  expect(applied.code).toBe(0);
  const status = pipe(dir, 'status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
