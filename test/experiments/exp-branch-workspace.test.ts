// `pipe exp branch` leaves the user's side of git alone: workspace files, index, HEAD, current
// branch read the same before and after, and its temporary worktree is gone afterwards, also when
// making the commit fails (here: git has no identity to commit with).
import { beforeEach, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, pipeEnv } from './helpers.js';
import { GIT_ENV, useBranchProject } from './branch-project.js';

const t = useBranchProject();
let tmp: string;
beforeEach(() => {
  // the temp folder pipe makes its worktree in, to see that nothing is left there
  tmp = join(t.dir, '.tmp');
  mkdirSync(tmp);
});

/** Everything of the user's git state: HEAD, branch, index, status, and every workspace file's bytes. */
function snapshot(): Record<string, string> {
  const files = git(t.dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean).sort();
  return {
    head: git(t.dir, 'rev-parse', 'HEAD'),
    branch: git(t.dir, 'symbolic-ref', 'HEAD'),
    index: git(t.dir, 'ls-files', '--stage'),
    status: git(t.dir, 'status', '--porcelain=v2', '--branch', '--untracked-files=all', '--ignored'),
    worktrees: git(t.dir, 'worktree', 'list', '--porcelain'),
    files: files.map((f) => `${f} ${createHash('sha256').update(readFileSync(join(t.dir, f))).digest('hex')}`).join('\n'),
  };
}

test('a branch made: git status, index, HEAD and branch identical before and after; no worktree left', () => {
  const before = snapshot();
  const r = pipeEnv(t.dir, { ...GIT_ENV, HOME: t.dir, TMPDIR: tmp }, 'exp', 'branch', 'tune', 'tune-lr');
  expect(r.code).toBe(0);
  expect(snapshot()).toEqual(before);
  expect(readdirSync(tmp)).toEqual([]);
  expect(git(t.dir, 'branch', '--list').split('\n').filter(Boolean)).toEqual(['* main', '  tune-lr']);
});

test('the commit fails: exit 1, no branch, and the worktree removed all the same', () => {
  const before = snapshot();
  // no name or e-mail to commit with, and git told not to guess them
  const noIdentity = { GIT_CONFIG_NOSYSTEM: '1', HOME: t.dir, TMPDIR: tmp, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.useConfigOnly', GIT_CONFIG_VALUE_0: 'true' };
  const r = pipeEnv(t.dir, noIdentity, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: cannot commit in a worktree of ${t.base.slice(0, 7)}: Author identity unknown\nhint: tell git who you are: git config --global user.name "Your Name" && git config --global user.email you@example.com\n`]);
  expect(snapshot()).toEqual(before);
  expect(readdirSync(tmp)).toEqual([]);
  expect(git(t.dir, 'branch', '--list')).toBe('* main\n');
});
