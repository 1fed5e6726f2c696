// `pipe stage add` refuses an output that data `pipe add` tracks is, holds or lies inside: the
// loader's check against tracked data would otherwise refuse every later command (exit 2).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages: {}\n';

test('an output that is tracked data: exit 2, pipeline.yaml unchanged, commands still work', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'z.txt': 'z\n' });
  expect((await rig.run('add', 'z.txt')).code).toBe(0);
  const r = await rig.run('stage', 'add', '-n', 'over', '-o', 'z.txt', 'echo new > z.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: z.txt.pipe tracks 'z.txt', which is output 'z.txt' of the new stage 'over'; a path is either added data or a stage's output: choose another output, or stop tracking it first (`pipe remove z.txt.pipe`); stage 'over' was not added (pipeline.yaml is unchanged)\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
  expect((await rig.run('status')).code).toBe(0);
});

test('an output inside a tracked folder', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'dd/a.txt': 'a\n' });
  expect((await rig.run('add', 'dd')).code).toBe(0);
  const r = await rig.run('stage', 'add', '-n', 'o2', '-o', 'dd/inner', 'echo');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: dd.pipe tracks 'dd', which holds output 'dd/inner' of the new stage 'o2'; a path is either added data or a stage's output: choose another output, or stop tracking it first (`pipe remove dd.pipe`); stage 'o2' was not added (pipeline.yaml is unchanged)\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});

test('an output folder holding tracked data', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'out/raw.txt': 'r\n' });
  expect((await rig.run('add', 'out/raw.txt')).code).toBe(0);
  const r = await rig.run('stage', 'add', '-n', 'x', '-O', 'out', 'echo');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: out/raw.txt.pipe tracks 'out/raw.txt', which lies inside output 'out' of the new stage 'x'; a path is either added data or a stage's output: choose another output, or stop tracking it first (`pipe remove out/raw.txt.pipe`); stage 'x' was not added (pipeline.yaml is unchanged)\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});
