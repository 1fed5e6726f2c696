// `pipe remove --outs` deletes only what the cache holds: an output or tracked data edited by hand
// since is refused, exit 1 as `pipe checkout` does, each named, and nothing is removed at all
// (not even the stage or the output the cache holds); `-f/--force` deletes them anyway.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  a:
    cmd: ${counted('a', 'echo a > a.txt')}
    outs: [a.txt]
  b:
    cmd: ${counted('b', 'echo b > b.txt')}
    outs: [b.txt]
`;

test('edited outputs and data: refused, nothing removed; --force deletes them', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 't.txt': 't\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('add', 't.txt')).code).toBe(0);
  rig.write({ 'a.txt': 'edit\n', 't.txt': 'edit too\n' });
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', '--outs', 'a', 'b', 't.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    '',
    "error: a.txt (stage 'a') has changes the cache does not hold: `pipe commit --force a` keeps them\n" +
      'error: t.txt has changes the cache does not hold: `pipe add t.txt` records them\n' +
      'error: --outs would delete them for good, so nothing was removed; `pipe remove --outs --force` deletes them anyway\n',
  ]);
  expect(snapshot(rig.dir)).toEqual(before);
  const forced = await rig.run('remove', '--outs', '-f', 'a', 'b', 't.txt');
  expect([forced.code, forced.stdout]).toEqual([
    0,
    "Removed stage 'a' from pipeline.yaml and pipeline.lock; deleted its outputs a.txt\n" +
      "Removed stage 'b' from pipeline.yaml and pipeline.lock; deleted its outputs b.txt\n" +
      'Removed t.txt.pipe and t.txt\n',
  ]);
  expect([rig.exists('a.txt'), rig.exists('b.txt'), rig.exists('t.txt'), rig.exists('t.txt.pipe')]).toEqual([false, false, false, false]);
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
});
