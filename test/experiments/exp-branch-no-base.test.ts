// `pipe exp branch` needs the commit the experiment ran on: a record without one (run before the
// first commit) or one naming a commit this repository does not have is refused, exit 2.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitInit, tempDir, writeFiles } from './helpers.js';
import { BRANCH_FILES, branchProject, pipeGit } from './branch-project.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('run before the first commit: no commit to branch from', () => {
  writeFiles(dir, BRANCH_FILES);
  gitInit(dir);
  expect(pipeGit(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'tune').code).toBe(0);
  const record = git(dir, 'ls-files', '--others', 'metrics/experiments').trim();
  const r = pipeGit(dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2, '',
    `error: ${record}: experiment 'tune' has no git commit in its record (it ran outside git or before the first commit): there is no commit to branch from\n` +
      'hint: `pipe exp apply` puts it into the workspace, to commit as you like\n',
  ]);
  expect(git(dir, 'branch', '--list')).toBe('');
});

test('a commit the repository does not have: named, exit 2', () => {
  const { record } = branchProject(dir);
  const rec = JSON.parse(readFileSync(join(dir, record), 'utf8')) as { git: { rev: string } };
  rec.git.rev = 'c0ffee'.padEnd(40, '0');
  writeFileSync(join(dir, record), JSON.stringify(rec));
  const r = pipeGit(dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2, '',
    `error: ${record}: experiment 'tune' ran on commit c0ffee0, which this repository does not have\n` +
      'hint: fetch that commit (`git fetch`), or `pipe exp apply` it into the workspace and commit it there\n',
  ]);
  expect(git(dir, 'branch', '--list')).toBe('* main\n');
});
