// After `pipe repro --no-commit` the workspace holds the outputs pipeline.lock records while the
// cache holds none of them: `pipe status` and `pipe repro` take that as up to date (nothing is
// missing: DVC reruns nothing either). Only once the output itself is gone is the cache's lack said.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('status after repro --no-commit: up to date; a repro runs nothing; a deleted output cannot be restored', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'mkdir -p out && echo made > out/f.txt'))}\n    outs: [out]\n  b:\n    cmd: ${JSON.stringify(counted('b', 'cat out/f.txt > b.txt'))}\n    deps: [out]\n    outs: [b.txt]\n`,
  });
  expect((await rig.run('repro', '--no-commit', '--no-record')).code).toBe(0);
  const s = await rig.run('status');
  expect([s.code, s.stdout, s.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stdout]).toEqual([0, 'a: up to date\nb: up to date\nEverything is up to date.\n']);
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);

  rig.remove('b.txt');
  const gone = await rig.run('status');
  expect([gone.code, gone.stdout]).toEqual([0, "b: would run (out 'b.txt' missing, out 'b.txt' not in cache)\n1 would run, 1 up to date.\n"]);
});
