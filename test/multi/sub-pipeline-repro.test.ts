// A pipeline.yaml in a subfolder (DVC's dvc.yaml per folder): its stages, named
// `sub/pipeline.yaml:<name>`, run in that folder with paths and params.yaml relative to it, record
// into sub/pipeline.lock, and join the root file's in one graph. `pipe repro` takes the pipeline file
// of the folder it runs in (the root file elsewhere), -P every file, a pipeline file as a target its stages.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const root = `stages:
  prep:
    cmd: ${q(counted('prep', 'echo raw > raw.txt'))}
    outs: [raw.txt]
`;
const sub = `stages:
  count:
    cmd: ${q(counted('count', 'cat ../raw.txt params.yaml > n.txt'))}
    deps: [../raw.txt]
    params: [k]
    outs: [n.txt]
`;
const files = { 'pipeline.yaml': root, 'sub/pipeline.yaml': sub, 'sub/params.yaml': 'k: 3\n' };

test('repro runs the root file, -P every file, with the sub stage in its folder and its own lock', async () => {
  const rig = makeRig(files);
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^prep: running \(never ran\)\nprep: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect([rig.count('prep'), rig.count('count'), rig.exists('sub/pipeline.lock')]).toEqual([1, 0, false]);
  const all = await rig.run('repro', '-P');
  expect(all.code).toBe(0);
  expect(all.stdout).toMatch(/^prep: up to date\nsub\/pipeline\.yaml:count: running \(never ran\)\nsub\/pipeline\.yaml:count: ran \(\d+\.\ds\)\n1 ran, 1 up to date\.\n$/);
  expect(rig.read('sub/n.txt')).toBe('raw\nk: 3\n');
  // paths in sub/pipeline.lock are relative to sub/, as in DVC's sub/dvc.lock; the root lock keeps its own stage only
  const lock = rig.read('sub/pipeline.lock');
  expect(lock).toContain('stages:\n  count:\n');
  expect(lock).toContain('    deps:\n      - path: ../raw.txt\n');
  expect(lock).toContain('    params:\n      params.yaml:\n        k: 3\n    outs:\n      - path: n.txt\n');
  expect(rig.read('pipeline.lock')).not.toContain('n.txt');
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, 'Everything is up to date.\n']);
});

test('sub/pipeline.yaml params change: status names the stage; repro in sub/ runs that file alone', async () => {
  const rig = makeRig(files);
  expect((await rig.run('repro', '-P')).code).toBe(0);
  rig.write({ 'sub/params.yaml': 'k: 4\n' });
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, "sub/pipeline.yaml:count: would run (param 'k' changed in sub/params.yaml)\n1 would run, 1 up to date.\n"]);
  const r = await rig.runWith({ cwd: 'sub' }, 'repro');
  expect(r.code).toBe(0);
  expect([rig.count('prep'), rig.count('count'), rig.exists('sub/.pipe')]).toEqual([1, 2, false]);
});

test('targets: sub/pipeline.yaml:count (from the root), pipeline.yaml:count (from sub/), and the file itself', async () => {
  const rig = makeRig(files);
  const d = await rig.run('dag', 'sub/pipeline.yaml:count');
  expect([d.code, d.stdout]).toEqual([0, '* prep\n* sub/pipeline.yaml:count <- prep\n']);
  const one = await rig.runWith({ cwd: 'sub' }, 'status', 'pipeline.yaml:count');
  expect([one.code, one.stdout]).toEqual([0, "prep: would run (never ran)\nsub/pipeline.yaml:count: would run (upstream stage 'prep' will run, never ran)\n2 would run.\n"]);
  const file = await rig.run('repro', 'sub/pipeline.yaml');
  expect(file.code).toBe(0);
  expect([rig.count('prep'), rig.count('count')]).toEqual([1, 1]);
  const list = await rig.run('stage', 'list');
  expect(list.stdout).toBe('prep                     outputs: raw.txt\nsub/pipeline.yaml:count  outputs: sub/n.txt\n');
});
