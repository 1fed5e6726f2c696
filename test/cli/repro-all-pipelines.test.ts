// `pipe repro -P` / `--all-pipelines` (DVC's): a pipe project has one pipeline, so every stage, as
// with no target; with a stage named too it is a usage error.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const pipeline = `stages:\n  a:\n    cmd: ${q(counted('a', 'echo a > a.txt'))}\n    outs: [a.txt]\n  b:\n    cmd: ${q(counted('b', 'echo b > b.txt'))}\n    outs: [b.txt]\n`;

test('-P and --all-pipelines run every stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '-P');
  expect(r.code).toBe(0);
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
  const again = await rig.run('repro', '--all-pipelines', '-f');
  expect(again.code).toBe(0);
  expect([rig.count('a'), rig.count('b')]).toEqual([2, 2]);
});

test('-P with a stage named is exit 2 and runs nothing', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '-P', 'a');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('error: -P/--all-pipelines takes every stage: name stages (a) or give -P, not both\n');
  expect([rig.count('a'), rig.count('b')]).toEqual([0, 0]);
});
