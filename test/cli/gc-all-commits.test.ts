// `pipe gc --all-commits` (`-A`, DVC's): what pipeline.lock refers to in any commit stays, so an
// older commit can be checked out and restored; without it (here with --workspace, which keeps
// only today's lock) the older outputs go.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

test('outputs of an older commit survive gc -A and come back at checkout', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  up:\n    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
    'in.txt': 'one\n',
  });
  git(rig.dir, 'init', '-q');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', 'pipeline.yaml', 'pipeline.lock', 'in.txt', '.gitignore');
  git(rig.dir, 'commit', '-qm', 'one');
  rig.write({ 'in.txt': 'two\n' });
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'two');

  const all = await rig.run('gc', '--workspace', '--all-commits', '-f');
  expect([all.code, all.stdout]).toEqual([0, 'Removed 0 cache objects (0 B) and 0 run-cache entries; 2 objects kept (pipeline.lock, and 2 committed versions of pipeline.lock).\n']);
  git(rig.dir, 'checkout', '-q', 'HEAD~1');
  const back = await rig.run('checkout');
  expect(back.code).toBe(0);
  expect(rig.read('out.txt')).toBe('ONE\n');
  git(rig.dir, 'checkout', '-q', '-');
  expect((await rig.run('checkout')).code).toBe(0);

  const ws = await rig.run('gc', '--workspace', '-f');
  expect([ws.code, ws.stdout]).toEqual([0, 'Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n']);
  expect(rig.count('up')).toBe(2);
});

test('outside git, --all-commits is refused', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n' });
  const r = await rig.run('gc', '-A', '-f');
  expect([r.code, r.stderr]).toEqual([2, 'error: --all-commits: this project is not in a git repository with a commit\nhint: run `pipe gc` without it\n']);
});
