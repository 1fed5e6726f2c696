// `pipe repro --no-run-cache` (DVC's): a stage whose inputs changed runs even when the run-cache
// holds a result for those inputs (a nondeterministic stage, a result you doubt); outputs still
// restorable from pipeline.lock are restored as usual, and --dry says the same beforehand.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  up:
    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}
    deps: [in.txt]
    outs: [out.txt]
`;

test('switching a dep back runs the stage again with --no-run-cache, restores without it', async () => {
  const rig = makeRig({ 'in.txt': 'abc\n', 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.write({ 'in.txt': 'xyz\n' });
  await rig.run('repro');
  rig.write({ 'in.txt': 'abc\n' });
  const dry = await rig.run('repro', '--dry', '--no-run-cache');
  expect([dry.code, dry.stdout]).toEqual([0, "up: would run (dep 'in.txt' changed)\n1 would run.\n"]);
  expect((await rig.run('repro', '--dry')).stdout).toBe("up: would be restored from run-cache (dep 'in.txt' changed)\n1 would be restored.\n");
  const r = await rig.run('repro', '--no-run-cache');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^up: running \(dep 'in\.txt' changed\)\nup: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect([rig.count('up'), rig.read('out.txt')]).toEqual([3, 'ABC\n']);
  // outputs deleted by hand still come back from the cache, as pipeline.lock records them
  rig.remove('out.txt');
  const back = await rig.run('repro', '--no-run-cache');
  expect([back.stdout, rig.count('up')]).toEqual(['up: restored from cache\n1 restored from cache.\n', 3]);
});
