// A `cache: false` output the record does not hold (over its size limit, or a folder; here taken
// out of the record by hand): the branch keeps the base commit's version, and both the terminal
// and the commit message say that `pipe repro` makes it.
import { beforeEach, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();
beforeEach(() => {
  const path = join(t.dir, t.record);
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), uncached_outs: {} }, null, 2));
});

test('an uncached output the record lacks: not in the commit, said twice', () => {
  const r = pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect(r.code).toBe(0);
  expect(r.stderr.split('\n')[0]).toBe('note: its record does not hold metrics/train.json (cache: false, too large or a folder), so the branch does not either: `pipe repro` makes it');
  expect(git(t.dir, 'diff', '--name-only', t.base, 'tune-lr').split('\n').filter(Boolean)).toEqual(['params.yaml', 'pipeline.lock']);
  expect(git(t.dir, 'log', '-1', '--format=%B', 'tune-lr')).toContain(
    '\n\nIts record does not hold metrics/train.json (cache: false, too large or a folder): not in this commit; `pipe repro` makes it.\n',
  );
});
