// The experiment's cached outputs gone from this project's cache: the branch is made all the
// same (its lock names them; a remote may have them), and a note says how to get them back.
import { beforeEach, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();
beforeEach(() => {
  // back to the base run, so the only note is the cache's
  git(t.dir, 'checkout', '--', '.');
  git(t.dir, 'add', t.record);
  git(t.dir, 'commit', '-q', '-m', 'the record of tune');
  rmSync(join(t.dir, 'cache'), { recursive: true });
});

test('outputs not in the cache: branch made, note says pipe pull or pipe repro', () => {
  const r = pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stderr]).toEqual([
    0,
    'note: the cache here does not hold model/weights.txt: `pipe checkout` on the branch restores it once `pipe pull` brings it, or `pipe repro` makes it again\n',
  ]);
  // the headline promises no plain checkout where the note says it falls short
  expect(r.stdout).toBe(`Created branch 'tune-lr' from experiment 'tune' (on ${t.base.slice(0, 7)}): git checkout tune-lr, then see the notes below for its outputs\n`);
  expect(git(t.dir, 'rev-parse', 'tune-lr^').trim()).toBe(t.base);
});
