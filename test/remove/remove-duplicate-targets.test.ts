// A target named twice (a stage by its name twice, or by its name and its output's path; tracked
// data by its path and its .pipe file) is removed and reported once.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('each stage and each tracked path is said once, however often it is named', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  report:\n    cmd: echo r > r.txt\n    outs: [r.txt]\n', 't.txt': 't\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('add', 't.txt')).code).toBe(0);
  const r = await rig.run('remove', 'report', 'report', 'r.txt', 't.txt', './t.txt', 't.txt.pipe');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Removed stage 'report' from pipeline.yaml and pipeline.lock; its outputs (r.txt) stay in the workspace, and the cache keeps them until `pipe gc`\n" +
      'Removed t.txt.pipe; t.txt stays in the workspace, no longer tracked (the cache keeps it until `pipe gc`)\n',
    '',
  ]);
});
