// `pipeline.yaml:<stage>` as a target (DVC's `dvc.yaml:<stage>`): the stage; `dvc.yaml:<stage>`
// is refused with what to type instead.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const pipeline = `stages:
  prep:
    cmd: ${q(counted('prep', 'echo p > p.txt'))}
    outs: [p.txt]
  train:
    cmd: ${q(counted('train', 'cat p.txt > m.txt'))}
    deps: [p.txt]
    outs: [m.txt]
  other:
    cmd: ${q(counted('other', 'echo o > o.txt'))}
    outs: [o.txt]
`;

test('repro pipeline.yaml:train runs train with its upstream stages, as `repro train` does', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', 'pipeline.yaml:train');
  expect(r.code).toBe(0);
  expect([rig.count('prep'), rig.count('train'), rig.count('other')]).toEqual([1, 1, 0]);
  const s = await rig.run('status', 'pipeline.yaml:other');
  expect(s.code).toBe(0);
  expect(s.stdout).toBe("other: would run (never ran)\n1 would run.\n");
});

test('from a folder below the root, the prefix is the path to pipeline.yaml (../pipeline.yaml:train)', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'sub/keep.txt': '' });
  const r = await rig.runWith({ cwd: 'sub' }, 'repro', '-s', '../pipeline.yaml:prep');
  expect(r.code).toBe(0);
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 0]);
});

test('dag, commit and checkout take the prefix too', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const d = await rig.run('dag', 'pipeline.yaml:train');
  expect(d.stdout).toBe('* prep\n* train <- prep\n');
  await rig.run('repro');
  const c = await rig.run('commit', 'pipeline.yaml:train');
  expect([c.code, c.stdout]).toEqual([0, 'train: up to date\n0 stages committed.\n']);
  rig.remove('m.txt');
  const k = await rig.run('checkout', 'pipeline.yaml:train');
  expect([k.code, k.stdout]).toEqual([0, 'train: m.txt: restored from cache\n1 output restored.\n']);
});

test('dvc.yaml:train is refused (exit 2) with the name to write instead, and nothing runs', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', 'dvc.yaml:train');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: 'dvc.yaml:train' names stage 'train' of dvc.yaml: pipe reads stages from pipeline.yaml, not DVC's dvc.yaml; write 'train' alone (or 'pipeline.yaml:train')\n");
  expect([rig.count('prep'), rig.count('train')]).toEqual([0, 0]);
  const s = await rig.run('status', 'dvc.yaml:train');
  expect([s.code, s.stderr]).toEqual([2, r.stderr]);
});

test('pipeline.yaml:<unknown> says no such stage, with a did-you-mean', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', 'pipeline.yaml:trian');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: no stage named 'trian' in pipeline.yaml (stages: prep, train, other); did you mean 'train'?\n");
});

test('pipeline.yaml alone (DVC\'s `dvc repro dvc.yaml`) takes every stage of that file', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', 'pipeline.yaml');
  expect(r.code).toBe(0);
  expect([rig.count('prep'), rig.count('train'), rig.count('other')]).toEqual([1, 1, 1]);
});
