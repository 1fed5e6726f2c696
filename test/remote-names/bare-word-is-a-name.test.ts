// A bare word given by -r or $PIPE_REMOTE (no '/', no scheme) is always a remote's name: one that
// names none is refused (exit 2) naming the remotes there are, and nothing is written. Taken for a
// folder, `pipe push -r backup` made ./backup inside the project and copied the cache into it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { originWithExperiments } from '../experiments/share-project.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };
const hint = 'hint: `pipe remote add <name> <url>` names one; `pipe remote list` lists them\n';

test('push -r / pull -r / $PIPE_REMOTE with a word no remote is named: exit 2, no folder made', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  a: ../ra\n  b: ../rb\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const said = "error: no remote named 'backup' (pipe.config.yaml names: a, b); a folder is written as a path: ./backup or /abs/path\n";
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env }, direction, '-r', 'backup');
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', said + hint]);
  }
  const byEnv = await rig.runWith({ env: { PIPE_REMOTE: 'backup' } }, 'push');
  expect([byEnv.code, byEnv.stdout, byEnv.stderr]).toEqual([2, '', said + hint]);
  // a folder of that name already there is still not taken for the remote: the word is a name
  rig.write({ 'backup/keep.txt': 'k\n' });
  const there = await rig.runWith({ env }, 'push', '-r', 'backup');
  expect([there.code, there.stderr]).toEqual([2, said + hint]);
  expect(rig.exists('backup/objects')).toBe(false);

  // written as a path, it is that folder
  const path = await rig.runWith({ env }, 'push', '-r', './backup');
  expect([path.code, path.stderr]).toEqual([0, '']);
  expect(rig.exists('backup/objects')).toBe(true);
});

test('no pipe.config.yaml: the word is said to name no remote', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const r = await rig.runWith({ env }, 'push', '-r', 'backup');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: no remote named 'backup' (pipe.config.yaml names none); a folder is written as a path: ./backup or /abs/path\n${hint}`]);
  expect(rig.exists('backup')).toBe(false);
});

test('exp push <word> NAME with no remote named so: exit 2, no folder made', async () => {
  const origin = await originWithExperiments({ 'pipe.config.yaml': 'remotes:\n  team: ../team\n' });
  const r = await origin.runWith({ env }, 'exp', 'push', 'origin', 'big');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: no remote named 'origin' (pipe.config.yaml names: team); a folder is written as a path: ./origin or /abs/path\n${hint}`]);
  expect(origin.exists('origin')).toBe(false);
});
