// What `pipe remove` says of each output is what is true of it: kept in the workspace (and the
// cache keeps it only where the cache holds it), deleted with --outs, or never made by a stage that
// never ran, or not in the workspace; the same for tracked data.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a stage that never ran: its outputs were never made, with or without --outs', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('stage', 'add', '-n', 'd', '-o', 'never.txt', 'true')).code).toBe(0);
  expect((await rig.run('stage', 'add', '-n', 'e', '-o', 'never2.txt', 'true')).code).toBe(0);
  const outs = await rig.run('remove', 'd', '--outs');
  expect([outs.code, outs.stdout]).toEqual([0, "Removed stage 'd' from pipeline.yaml; its outputs (never.txt) were never made\n"]);
  const plain = await rig.run('remove', 'e');
  expect([plain.code, plain.stdout]).toEqual([0, "Removed stage 'e' from pipeline.yaml; its outputs (never2.txt) were never made\n"]);
});

test('kept outputs: the cache keeps only those it holds; gone ones are said to be gone', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  g:\n    cmd: echo x > x.txt && echo y > y.txt && echo z > z.txt\n    outs: [x.txt, y.txt, z.txt]\n',
    't.txt': 't\n',
    'u.txt': 'u\n',
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('add', 't.txt', 'u.txt')).code).toBe(0);
  rig.write({ 'y.txt': 'edited\n', 'u.txt': 'edited\n' });
  rig.remove('z.txt');
  const r = await rig.run('remove', 'g', 't.txt', 'u.txt');
  expect([r.code, r.stdout]).toEqual([
    0,
    "Removed stage 'g' from pipeline.yaml and pipeline.lock; its outputs (x.txt, y.txt) stay in the workspace; the cache keeps x.txt until `pipe gc`; z.txt was not in the workspace\n" +
      'Removed t.txt.pipe; t.txt stays in the workspace, no longer tracked (the cache keeps it until `pipe gc`)\n' +
      'Removed u.txt.pipe; u.txt stays in the workspace, no longer tracked (the cache does not hold it as it is now)\n',
  ]);
});
