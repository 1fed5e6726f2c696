// `pipe status --glob`, `pipe checkout --glob`, `pipe commit --glob`: the stages the patterns match.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GLOB_PIPELINE } from './glob-pipeline.js';

test('status --glob lists only the matched stages', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  expect((await rig.run('repro', 'train')).code).toBe(0);
  const r = await rig.run('status', '--glob', '*@*-43', 'train*');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('sweep@0.001-43: would run (never ran)\nsweep@0.01-43: would run (never ran)\n2 would run, 2 up to date.\n');
});

test('checkout --glob restores the matched stages\' outputs; commit --glob looks at those stages', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  for (const f of ['t-1042.txt', 't-7.txt', 'o.txt']) rig.remove(f);
  const r = await rig.run('checkout', '--glob', 'train@1*', 'oth*');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('train@1042: t-1042.txt: restored from cache\nother: o.txt: restored from cache\n2 outputs restored.\n');
  expect([rig.exists('t-1042.txt'), rig.exists('t-7.txt'), rig.exists('o.txt')]).toEqual([true, false, true]);
  const c = await rig.run('commit', '--glob', 'sweep@0.01-*');
  expect(c.code).toBe(0);
  expect(c.stdout).toBe('sweep@0.01-42: up to date\nsweep@0.01-43: up to date\n0 stages committed.\n');
});
