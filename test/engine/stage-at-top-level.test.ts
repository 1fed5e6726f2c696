// A stage written at the top level of pipeline.yaml (not indented under `stages:`): the unknown
// key's error says to put it under `stages:`; another unknown top-level key keeps the plain error.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a top-level mapping holding cmd: is named as a stage to indent', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  train:\n    cmd: echo t\nevaluate:\n  cmd: echo hi\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:4:1: unknown key 'evaluate' in the top level: it holds a stage's keys; did you mean to put stage 'evaluate' under 'stages:' (indent it by 2)?\n  evaluate:\n  ^\n",
  ]);
});

test('an unknown top-level key that is no stage: the plain error', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  train:\n    cmd: echo t\nnotes: hello\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "error: pipeline.yaml:4:1: unknown key 'notes' in the top level"]);
});
