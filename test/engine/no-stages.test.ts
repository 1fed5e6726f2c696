// A project with no stages yet (a fresh `pipe init`, or every stage deleted) loads: an empty
// pipeline.yaml, one of comments only, `stages:` with nothing under it and `stages: {}` alike.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test.each([
  ['an empty file', ''],
  ['comments only', '# nothing here yet\n'],
  ['stages: with nothing under it', 'stages:   # none yet\n'],
  ['stages: {}', 'stages: {}\n'],
])('%s: status, repro and dag say there is nothing to do, exit 0', async (_what, text) => {
  const rig = makeRig({ 'pipeline.yaml': text });
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  const dag = await rig.run('dag');
  expect([dag.code, dag.stdout, dag.stderr]).toEqual([0, 'No stages in pipeline.yaml yet: add one with `pipe stage add`.\n', '']);
  expect(rig.read('pipeline.yaml')).toBe(text);
});

test('a top level that is not a mapping is still refused', async () => {
  const rig = makeRig({ 'pipeline.yaml': '- a\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([2, 'error: pipeline.yaml:1:1: the top level must be a mapping or empty, not a list\n  - a\n  ^\n']);
});
