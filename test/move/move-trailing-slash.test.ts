// A DST written with a trailing / means a folder, as for `mv`: one that exists receives the data
// under its own name; none, or a file, is refused (exit 2, nothing changed) rather than the data
// being renamed to a file of that name.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from '../remove/helpers.js';

test('DST/ that is no folder is refused; DST/ that is one receives the data', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'dir1/e.txt': 'e\n', 'f.txt': 'f\n', 'there/keep.txt': 'k\n' });
  expect((await rig.run('add', 'dir1/e.txt')).code).toBe(0);
  const before = snapshot(rig.dir);
  const none = await rig.run('move', 'dir1/e.txt', 'newdir/');
  expect([none.code, none.stdout, none.stderr]).toEqual([
    2,
    '',
    "error: 'newdir/' is not a folder (a trailing / means into a folder, and there is none): make the folder first, or leave out the / to give the data that name; nothing was changed\n",
  ]);
  const file = await rig.run('move', 'dir1/e.txt', 'f.txt/');
  expect([file.code, file.stdout, file.stderr]).toEqual([
    2,
    '',
    "error: 'f.txt/' is not a folder (a trailing / means into a folder, and it is a file): make the folder first, or leave out the / to give the data that name; nothing was changed\n",
  ]);
  expect(snapshot(rig.dir)).toEqual(before);
  expect(rig.exists('newdir')).toBe(false);
  const into = await rig.run('move', 'dir1/e.txt', 'there/');
  expect([into.code, into.stdout]).toEqual([0, 'Moved dir1/e.txt to there/e.txt: commit there/e.txt.pipe and the removal of dir1/e.txt.pipe\n']);
  expect(rig.read('there/e.txt')).toBe('e\n');
});
