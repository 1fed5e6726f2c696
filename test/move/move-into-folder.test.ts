// A DST that is a folder already means inside it, as `mv`: `pipe move data/f.txt archive` gives
// archive/f.txt and archive/f.txt.pipe.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { NO_STAGES, sha256, trackingText } from '../add/helpers.js';

test('into an existing folder, under its own name', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/f.txt': 'f\n', 'archive/old.txt': 'o\n' });
  expect((await rig.run('add', 'data/f.txt')).code).toBe(0);
  const r = await rig.run('move', 'data/f.txt', 'archive');
  expect([r.code, r.stdout]).toEqual([0, 'Moved data/f.txt to archive/f.txt: commit archive/f.txt.pipe and the removal of data/f.txt.pipe\n']);
  expect(rig.read('archive/f.txt.pipe')).toBe(trackingText('f.txt', sha256('f\n'), 2, 1));
  expect(rig.read('archive/f.txt')).toBe('f\n');
  expect(rig.read('archive/old.txt')).toBe('o\n');
});
