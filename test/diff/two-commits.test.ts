// `pipe diff A B` compares two commits, whatever the workspace holds meanwhile; `--show-hash`
// adds each hash's first 8 characters (`old..new` for a modification), as `dvc diff` does.
import { expect, test } from 'vitest';
import { commit, committedRig, sha256 } from './helpers.js';

test('between two commits, with and without --show-hash; the workspace plays no part', async () => {
  const rig = await committedRig();
  rig.write({ 'params.yaml': 'a: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  commit(rig, 'second');
  rig.write({ 'params.yaml': 'a: 3\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('b.txt');
  const r = await rig.run('diff', 'HEAD~1', 'HEAD');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Modified:\n    a.txt\n\nfiles summary: 0 added, 0 deleted, 1 modified, 0 not in cache\n');
  const hashed = await rig.run('diff', '--show-hash', 'HEAD~1', 'HEAD');
  expect(hashed.stdout).toBe(`Modified:\n    ${sha256('1\n').slice(0, 8)}..${sha256('2\n').slice(0, 8)} a.txt\n\nfiles summary: 0 added, 0 deleted, 1 modified, 0 not in cache\n`);
  // the other way round: the same change, old and new swapped
  const back = await rig.run('diff', '--show-hash', 'HEAD', 'HEAD~1');
  expect(back.stdout).toBe(`Modified:\n    ${sha256('2\n').slice(0, 8)}..${sha256('1\n').slice(0, 8)} a.txt\n\nfiles summary: 0 added, 0 deleted, 1 modified, 0 not in cache\n`);
});
