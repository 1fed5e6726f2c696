// `pipe exp branch` for a project in a folder of its repository, run from a folder below the
// project: the commit's files are under the project's folder, and the note names the files git
// checkout would refuse to overwrite as they are typed from where pipe runs.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, gitInit, tempDir, writeFiles } from './helpers.js';
import { BRANCH_FILES, pipeGit } from './branch-project.js';

let top: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir: top, cleanup } = tempDir());
  writeFiles(top, { README: 'a repository with a pipe project in proj/\n' });
  writeFiles(join(top, 'proj'), BRANCH_FILES);
  mkdirSync(join(top, 'proj', 'src'));
  gitInit(top);
  expect(pipeGit(join(top, 'proj'), 'repro').code).toBe(0);
  commitAll(top, 'base run');
  expect(pipeGit(join(top, 'proj'), 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'tune').code).toBe(0);
});
afterEach(() => cleanup());

test('a project below the top: files under its folder, note paths from where pipe runs', () => {
  const base = git(top, 'rev-parse', 'HEAD').trim();
  const record = git(top, 'ls-files', '--others', '--exclude-standard', 'proj/metrics/experiments').trim();
  const r = pipeGit(join(top, 'proj', 'src'), 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `Created branch 'tune-lr' from experiment 'tune' (on ${base.slice(0, 7)}): git checkout tune-lr && pipe checkout restores its outputs\n`,
    `note: \`git checkout tune-lr\` refuses while files it changes are changed or untracked here: ../metrics/train.json, ../params.yaml, ../pipeline.lock are already as the branch has them (nothing is lost by \`git checkout -- <file>\` or deleting them)\n`,
  ]);
  expect(git(top, 'diff', '--name-only', base, 'tune-lr').split('\n').filter(Boolean)).toEqual(['proj/metrics/train.json', 'proj/params.yaml', 'proj/pipeline.lock']);
  expect(git(top, 'show', 'tune-lr:proj/params.yaml')).toContain('  lr: 0.1   # learning rate\n');
});
