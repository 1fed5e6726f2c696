// freeze, unfreeze and remove edit pipeline.yaml: they take `pipeline.yaml:<stage>` (DVC's
// `dvc.yaml:<stage>`), refuse `dvc.yaml:<stage>` saying what to write, and refuse an output's path
// (a file inside an output folder too) naming the stage that makes it, changing nothing.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: mkdir -p res && echo a > res/a.txt
    outs: [res]
  use:
    cmd: cat res/a.txt > out.txt
    deps: [res]
    outs: [out.txt]
`;

test('freeze pipeline.yaml:gen freezes gen; unfreeze takes it the same way', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const f = await rig.run('freeze', 'pipeline.yaml:gen');
  expect([f.code, f.stdout]).toEqual([0, "froze 'gen': pipe repro leaves it as it is (`pipe unfreeze gen` undoes it)\n"]);
  expect(rig.read('pipeline.yaml')).toContain('    outs: [res]\n    frozen: true\n');
  const u = await rig.run('unfreeze', 'pipeline.yaml:gen');
  expect(u.code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});

test('freeze of a path inside an output, and of dvc.yaml:gen: exit 2, nothing changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const inside = await rig.run('freeze', 'res/a.txt');
  expect([inside.code, inside.stderr]).toEqual([2, "error: 'res/a.txt' lies inside output 'res' of stage 'gen', not a stage: `pipe freeze gen` freezes the stage that makes it\n"]);
  const dvc = await rig.run('unfreeze', 'dvc.yaml:gen');
  expect([dvc.code, dvc.stderr]).toEqual([2, "error: 'dvc.yaml:gen' names stage 'gen' of dvc.yaml: pipe reads stages from pipeline.yaml, not DVC's dvc.yaml; write 'gen' alone (or 'pipeline.yaml:gen')\n"]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});

test('remove pipeline.yaml:use removes the stage; a path inside an output and dvc.yaml:use are refused naming the stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const inside = await rig.run('remove', 'res/a.txt');
  expect([inside.code, inside.stderr]).toEqual([2, "error: 'res/a.txt' lies inside output 'res' of stage 'gen' (pipeline.yaml:4:12), not a stage or tracked data: `pipe remove gen` removes the stage, or take the output out of its outs\n"]);
  const dvc = await rig.run('remove', 'dvc.yaml:use');
  expect([dvc.code, dvc.stderr]).toEqual([2, "error: 'dvc.yaml:use' names stage 'use' of dvc.yaml: pipe reads stages from pipeline.yaml, not DVC's dvc.yaml; write 'use' alone (or 'pipeline.yaml:use')\n"]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
  const r = await rig.run('remove', 'pipeline.yaml:use');
  expect(r.code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('stages:\n  gen:\n    cmd: mkdir -p res && echo a > res/a.txt\n    outs: [res]\n');
});
