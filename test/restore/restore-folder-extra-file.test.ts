// `pipe checkout --force` over a folder output holding a file and a folder the stage never
// wrote: both go (copied to .pipe/kept/ first, with a warning), and every recorded file is the very
// same file as before.
import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUILT_CONTENTS, PIPELINE, contents, copiedWarning, kept, keptFolders, snapshot } from './helpers.js';

test('checkout --force removes the extra file and folder of a folder output and keeps the rest', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'out/extra.txt': 'mine\n', 'out/sub/new/x.txt': 'x\n' });
  const before = snapshot(rig, 'out');
  const r = await rig.run('checkout', '--force');
  const [folder] = keptFolders(rig);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: out: restored from cache\n1 output restored.\n', copiedWarning('build', 'out', ['extra.txt', 'sub/new/x.txt'], folder ?? '')]);
  expect([rig.read(`.pipe/kept/${folder}/out/extra.txt`), rig.read(`.pipe/kept/${folder}/out/sub/new/x.txt`)]).toEqual(['mine\n', 'x\n']);
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(kept(before, after)).toEqual(['b/bee.txt', 'one.txt', 'sub/deep/three.txt', 'sub/two.txt', 'tool']);
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  expect(rig.count('build')).toBe(1);
});
