// The temp files and folders pipe writes beside outputs (`.tmp-<name>-<pid>-<8 hex>`), which a
// killed restore leaves in the workspace, never show in `git status`: the first repro in a git
// repository excludes their pattern in the repository's own info/exclude (local, never committed),
// so no committed .gitignore changes; a user's file merely starting with `.tmp-` still shows.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

test("a killed restore's temp folders and files are not in git status", async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: mkdir -p data/o && echo a > data/o/x\n    outs: [data/o]\n' });
  git(rig.dir, 'init', '-q');
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');
  mkdirSync(join(rig.dir, 'data', '.tmp-o-4242-0badc0de'), { recursive: true });
  writeFileSync(join(rig.dir, 'data', '.tmp-o-4242-0badc0de', 'x'), 'half\n');
  writeFileSync(join(rig.dir, '.tmp-pipeline.lock-77-12ab34cd'), 'half\n');
  writeFileSync(join(rig.dir, '.tmp-notes.txt'), 'mine\n');
  expect(git(rig.dir, 'status', '--porcelain', '--untracked-files=all')).toBe(
    ['?? .gitignore', '?? .tmp-notes.txt', '?? data/.gitignore', '?? pipeline.lock', '?? pipeline.yaml', ''].join('\n'),
  );
  expect(git(rig.dir, 'rev-parse', '--git-path', 'info/exclude').trim()).toBe('.git/info/exclude');
  expect(rig.read('.git/info/exclude').split('\n').filter((l) => l.startsWith('.tmp-'))).toEqual(['.tmp-*-[0-9]*-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]']);
  // once: a second run leaves the file as it is
  const before = rig.read('.git/info/exclude');
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect(rig.read('.git/info/exclude')).toBe(before);
});
