// `pipe install` (DVC's `dvc install`): git hooks. After `git checkout` of a branch the data its
// pipeline.lock names is checked out of the cache (post-checkout), a commit is preceded by `pipe
// status` and never stopped by it (pre-commit). Installing twice changes nothing.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { commitAll, git, gitInit } from '../experiments/helpers.js';

const pipeline = `stages:
  a:
    cmd: echo \${v} > out.txt
    params: [v]
    outs: [out.txt]
`;

test('post-checkout brings the branch\'s outputs back from the cache; pre-commit reports status', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'v: 1\n' });
  gitInit(rig.dir);
  const r = await rig.run('install');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'installed the post-checkout hook\ninstalled the pre-commit hook\ninstalled the pre-push hook\n', '']);
  expect((await rig.run('repro')).code).toBe(0);
  commitAll(rig.dir, 'v1');
  git(rig.dir, 'checkout', '-q', '-b', 'two');
  rig.write({ 'params.yaml': 'v: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  commitAll(rig.dir, 'v2');
  expect(rig.read('out.txt')).toBe('2\n');

  git(rig.dir, 'checkout', '-q', 'main');
  expect(rig.read('out.txt')).toBe('1\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  git(rig.dir, 'checkout', '-q', 'two');
  expect(rig.read('out.txt')).toBe('2\n');

  // pre-commit: says what would run, and lets the commit through
  rig.write({ 'params.yaml': 'v: 3\n' });
  git(rig.dir, 'add', 'params.yaml');
  // git hands a hook's output to stderr
  const commit = spawnSync('git', ['commit', '-m', 'v3 without repro'], {
    cwd: rig.dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', HOME: rig.dir },
  });
  expect([commit.status, commit.stderr]).toEqual([0, "a: would run (cmd changed, param 'v' changed)\n1 would run.\n"]);
  expect(git(rig.dir, 'log', '-1', '--format=%s')).toBe('v3 without repro\n');

  const again = await rig.run('install');
  expect([again.code, again.stdout]).toEqual([0, 'the post-checkout hook was installed already\nthe pre-commit hook was installed already\nthe pre-push hook was installed already\n']);
});

test("a hook that is not pipe's is left as it is, named with the line to add (exit 1); outside git, exit 2", async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'v: 1\n' });
  const outside = await rig.run('install');
  expect([outside.code, outside.stderr]).toEqual([2, `error: ${rig.dir} is not in a git repository: git hooks need one (\`git init\` first)\n`]);

  gitInit(rig.dir);
  rig.write({ '.git/hooks/pre-push': '#!/bin/sh\necho mine\n' });
  const r = await rig.run('install');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('installed the post-checkout hook\ninstalled the pre-commit hook\n');
  expect(r.stderr).toBe(`error: ${rig.dir}/.git/hooks/pre-push exists and is not pipe's, so it was left as it is: add the line \`pipe push\` to it (run from the project's folder), or remove it and run \`pipe install\` again\n`);
  expect(rig.read('.git/hooks/pre-push')).toBe('#!/bin/sh\necho mine\n');
});
