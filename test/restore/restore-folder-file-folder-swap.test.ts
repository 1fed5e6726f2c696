// `pipe checkout --force` over a folder output where a file became a folder and a folder became
// a file: each is put back as recorded, and the files elsewhere are the very same files.
import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUILT_CONTENTS, PIPELINE, contents, kept, snapshot } from './helpers.js';

test('checkout --force puts back a file turned into a folder and a folder turned into a file', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('out/one.txt');
  rig.remove('out/b');
  rig.write({ 'out/one.txt/inside.txt': 'one\n', 'out/b': 'bee\n' });
  const before = snapshot(rig, 'out');
  const r = await rig.run('checkout', '--force');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: out: restored from cache\n1 output restored.\n', '']);
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(kept(before, after)).toEqual(['sub/deep/three.txt', 'sub/two.txt', 'tool']);
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  expect(rig.count('build')).toBe(1);
});
