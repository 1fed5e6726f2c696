// `pipe repro --glob PATTERN...`: the stages whose names a pattern matches (a foreach or matrix
// copy's full name, or the stage's name as pipeline.yaml writes it), and only those.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { COPIES, GLOB_PIPELINE } from './glob-pipeline.js';

test('a pattern runs the matrix copies it matches, and nothing else', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const r = await rig.run('repro', '--glob', 'sweep@0.001-*');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^sweep@0\.001-42: running \(never ran\)\nsweep@0\.001-42: ran \(\d+\.\ds\)\nsweep@0\.001-43: running \(never ran\)\nsweep@0\.001-43: ran \(\d+\.\ds\)\n2 ran\.\n$/);
  expect(COPIES.map((c) => rig.count(c))).toEqual([0, 0, 1, 1, 0, 0, 0]);
});

test('several patterns, braces and classes; a pattern on the stage name takes all its copies', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const r = await rig.run('repro', '--glob', 'sweep@{0.01-42,0.001-43}', 'tr[a-z]in', 'oth?r');
  expect(r.code).toBe(0);
  expect(COPIES.map((c) => rig.count(c))).toEqual([1, 1, 0, 1, 1, 0, 1]);
  // a stage matched twice runs once
  const again = await rig.run('repro', '-f', '--glob', 'train@7', 'train@*');
  expect(again.code).toBe(0);
  expect(COPIES.map((c) => rig.count(c))).toEqual([2, 2, 0, 1, 1, 0, 1]);
});
