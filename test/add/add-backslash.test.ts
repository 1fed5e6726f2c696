// `pipe add` of data whose name holds a backslash: a .pipe file separates folders with `/` on
// every platform and its reader refuses `\`, so the add is refused up front (exit 2, nothing
// written) with what to do, rather than writing a tracking file every later command rejects.
// A backslash in a file inside an added folder, or in a folder above the data, is fine.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a name with a backslash is refused before anything is stored', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/a\\b.txt': 'x\n', 'data/ok.txt': 'ok\n' });
  const r = await rig.run('add', 'data/a\\b.txt', 'data/ok.txt');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: 'data/a\\b.txt' has a backslash in its name ('a\\b.txt'), which a .pipe file cannot record (it would be read as a folder separator on Windows); rename it without one (e.g. 'a_b.txt') and add that\n",
  );
  expect([rig.exists('data/a\\b.txt.pipe'), rig.exists('data/ok.txt.pipe'), rig.exists('cache')]).toEqual([false, false, false]);
  // the commands after it still work
  expect((await rig.run('status')).code).toBe(0);
});

test('inside an added folder, or in a folder above the data, a backslash is fine', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'raw/x\\y.txt': 'x\n', 'in\\dir/d.txt': 'd\n' });
  expect((await rig.run('add', 'raw', 'in\\dir/d.txt')).code).toBe(0);
  rig.remove('raw');
  rig.remove('in\\dir/d.txt');
  const c = await rig.run('checkout');
  expect([c.code, c.stderr]).toEqual([0, '']);
  expect([rig.read('raw/x\\y.txt'), rig.read('in\\dir/d.txt')]).toEqual(['x\n', 'd\n']);
});

test('a .pipe file written by hand with a backslash says why it is refused', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'a\\b.txt': 'x\n' });
  rig.write({ 'a\\b.txt.pipe': "schema: '1'\nouts:\n  - path: a\\b.txt\n    hash: 0000000000000000000000000000000000000000000000000000000000000000\n    size: 2\n    nfiles: 1\n" });
  const r = await rig.run('status');
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n')[0]).toBe(
    'error: a\\b.txt.pipe:3:11: outs[0].path must not hold a backslash: tracking files separate folders with `/` on every platform (rename the data without one) (fix a\\b.txt.pipe, or delete it and run `pipe add` on its data again)',
  );
});
