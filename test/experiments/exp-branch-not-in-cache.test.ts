// The experiment's cached outputs gone from this project's cache: the branch is made all the
// same (its lock names them; a remote may have them), and a note says how to get them back.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { git, tempDir } from './helpers.js';
import { branchProject, pipeGit, type BranchProject } from './branch-project.js';

let dir: string;
let cleanup: () => void;
let project: BranchProject;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  project = branchProject(dir);
  // back to the base run, so the only note is the cache's
  git(dir, 'checkout', '--', '.');
  git(dir, 'add', project.record);
  git(dir, 'commit', '-q', '-m', 'the record of tune');
  rmSync(join(dir, 'cache'), { recursive: true });
});
afterEach(() => cleanup());

test('outputs not in the cache: branch made, note says pipe pull or pipe repro', () => {
  const r = pipeGit(dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stderr]).toEqual([
    0,
    'note: the cache here does not hold model/weights.txt: `pipe checkout` on the branch restores it once `pipe pull` brings it, or `pipe repro` makes it again\n',
  ]);
  expect(git(dir, 'rev-parse', 'tune-lr^').trim()).toBe(project.base);
});
