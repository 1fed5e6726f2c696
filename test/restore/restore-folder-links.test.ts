// `pipe checkout` over a folder output holding a symlink to a file with the recorded content, a
// file that has a second hard link outside the output, and a subfolder that is a symlink to a copy
// elsewhere: a restore keeps none of them as links. The output gets its own plain files and real
// folders (as a restore always gave it), and the files outside are left as they were.
import { linkSync, lstatSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUILT_CONTENTS, PIPELINE, contents, kept, snapshot } from './helpers.js';

test('checkout keeps no symlink, shared hard link or symlinked folder of a folder output', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('out/one.txt');
  rig.write({ 'elsewhere/one.txt': 'one\n', 'elsewhere/sub/deep/three.txt': 'three\n', 'elsewhere/sub/two.txt': 'two\n' });
  symlinkSync('../elsewhere/one.txt', join(rig.dir, 'out/one.txt'));
  linkSync(join(rig.dir, 'out/b/bee.txt'), join(rig.dir, 'bee-link.txt'));
  rig.remove('out/sub');
  symlinkSync('../elsewhere/sub', join(rig.dir, 'out/sub'));
  rig.remove('out/tool'); // the one change that needs a restore: the rest is content as recorded
  const outside = snapshot(rig, 'elsewhere');
  const r = await rig.run('checkout');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: out: restored from cache\n1 output restored.\n', '']);
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(snapshot(rig, 'elsewhere')).toEqual(outside);
  expect(lstatSync(join(rig.dir, 'out/b/bee.txt')).nlink).toBe(1);
  expect(lstatSync(join(rig.dir, 'bee-link.txt')).nlink).toBe(1);
  expect(rig.read('bee-link.txt')).toBe('bee\n');
  expect(lstatSync(join(rig.dir, 'elsewhere/sub/two.txt')).nlink).toBe(1);
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  expect(rig.count('build')).toBe(1);
});
