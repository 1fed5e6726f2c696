// `pipe move` rewrites the .pipe file for the new path and keeps the `push: false` / `remote:`
// written on its entry (the user's transfer settings, not the data's).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('move keeps push: false and remote: on the .pipe entry', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'data\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  rig.write({ 'data.txt.pipe': rig.read('data.txt.pipe').replace(/nfiles: 1\n/, 'nfiles: 1\n    remote: backup\n    push: false\n') });
  const before = rig.read('data.txt.pipe');
  const moved = await rig.run('move', 'data.txt', 'kept.txt');
  expect([moved.code, moved.stderr]).toEqual([0, '']);
  expect(rig.read('kept.txt.pipe')).toBe(before.replace('path: data.txt', 'path: kept.txt'));
});
