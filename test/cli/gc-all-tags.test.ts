// `pipe gc -T` (--all-tags, DVC's): what a tag's committed pipeline.lock refers to stays, so the
// tagged commit can be checked out and restored; -w alone removes it.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

test('gc -w -T keeps a tagged commit\'s outputs; gc -w then removes them', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  up:\n    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
    'in.txt': 'one\n',
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', 'pipeline.yaml', 'pipeline.lock', 'in.txt', '.gitignore');
  git(rig.dir, 'commit', '-qm', 'one');
  git(rig.dir, 'tag', '-a', '-m', 'first model', 'v1');
  rig.write({ 'in.txt': 'two\n' });
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'two');

  const tags = await rig.run('gc', '-w', '-T', '-f');
  expect([tags.code, tags.stderr, tags.stdout]).toEqual([0, '', 'Removed 0 cache objects (0 B) and 0 run-cache entries; 2 objects kept (pipeline.lock and 1 tag).\n']);
  const ws = await rig.run('gc', '-w', '-f');
  expect([ws.code, ws.stdout]).toEqual([0, 'Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n']);
  git(rig.dir, 'checkout', '-q', 'v1');
  expect((await rig.run('checkout')).code).toBe(1);
});

test('gc -a / -T outside git is a usage error', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  for (const [flag, long] of [['-a', '--all-branches'], ['-T', '--all-tags']] as const) {
    const r = await rig.run('gc', flag, '-f');
    expect([r.code, r.stderr]).toEqual([2, `error: ${long}: this project is not in a git repository with a commit\nhint: run \`pipe gc\` without it\n`]);
  }
});
