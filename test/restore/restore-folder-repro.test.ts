// `pipe repro` with a stage up to date but one file of its folder output deleted: the stage is
// not run; the output is restored, writing that file alone and keeping the others as they are.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUILT_CONTENTS, PIPELINE, contents, kept, snapshot } from './helpers.js';

test('repro restores the one deleted file of an up-to-date stage\'s folder output and keeps the rest', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('out/one.txt');
  const before = snapshot(rig, 'out');
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(kept(before, after)).toEqual(['b/bee.txt', 'sub/deep/three.txt', 'sub/two.txt', 'tool']);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('build')).toBe(1);
});
