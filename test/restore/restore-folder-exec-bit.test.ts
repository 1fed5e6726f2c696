// `pipe checkout` over a folder output whose executable file lost its x bit, and a plain file that
// gained one: both are written again with the bits the manifest records (x on the first, none on
// the second); the files whose bits are as recorded are the very same files as before.
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUILT_CONTENTS, PIPELINE, contents, kept, snapshot } from './helpers.js';

test('checkout puts back the recorded exec bits of a folder output and keeps the other files', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  chmodSync(join(rig.dir, 'out/tool'), 0o644);
  chmodSync(join(rig.dir, 'out/one.txt'), 0o755);
  const before = snapshot(rig, 'out');
  const r = await rig.run('checkout');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: out: restored from cache\n1 output restored.\n', '']);
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(Object.entries(after).filter(([, s]) => s.exec && s.kind.startsWith('file ')).map(([k]) => k)).toEqual(['tool']);
  expect(kept(before, after)).toEqual(['b/bee.txt', 'sub/deep/three.txt', 'sub/two.txt']);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('build')).toBe(1);
});
