// `pipe checkout --force` over a folder output one of whose files was edited: that file alone is
// written again from the cache; the others are the very same files as before (inode, mtime). The
// edited file is copied to .pipe/kept/ first, with a warning saying how to get it back.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUILT_CONTENTS, PIPELINE, contents, copiedWarning, kept, keptFolders, snapshot } from './helpers.js';

test('checkout --force rewrites the one edited file of a folder output and keeps the rest', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'out/sub/two.txt': 'edited\n' });
  const before = snapshot(rig, 'out');
  const r = await rig.run('checkout', '--force');
  const [folder, ...more] = keptFolders(rig);
  expect([folder, more]).toEqual([expect.stringMatching(/^\d{8}-\d{6}-build$/), []]);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: out: restored from cache\n1 output restored.\n', copiedWarning('build', 'out', ['sub/two.txt'], folder ?? '')]);
  expect(readdirSync(join(rig.dir, '.pipe/kept', folder ?? '', 'out'), { recursive: true }).sort()).toEqual(['sub', 'sub/two.txt']);
  expect(rig.read(`.pipe/kept/${folder}/out/sub/two.txt`)).toBe('edited\n');
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(kept(before, after)).toEqual(['b/bee.txt', 'one.txt', 'sub/deep/three.txt', 'tool']);
  expect(after['tool']?.exec).toBe(true);
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('build')).toBe(1);
});
