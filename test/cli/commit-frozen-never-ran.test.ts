// `pipe commit` with a frozen stage that never ran: nothing to record, and not an error when
// no stage is named; named, it is refused with a hint that fits a stage repro will not run.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n  fro:\n    cmd: echo f > fro.txt\n    frozen: true\n    outs: [fro.txt]\n';

test('a frozen stage that never ran is skipped by a plain commit and explained when named', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout]).toEqual([1, expect.stringMatching(/^a: running \(never ran\)\na: ran \(\d+\.\ds\)\n1 ran, 1 failed\.\n$/)]);
  expect((await rig.run('status')).stdout).toBe("fro: frozen, never ran: its output 'fro.txt' is missing\n1 up to date, 1 frozen with outputs missing.\n");
  const all = await rig.run('commit');
  expect([all.code, all.stdout, all.stderr]).toEqual([0, 'a: up to date\nfro: frozen and never run: nothing to commit\n0 stages committed.\n', '']);
  const named = await rig.run('commit', 'fro');
  expect([named.code, named.stdout, named.stderr]).toEqual([
    1,
    '0 stages committed.\n',
    "fro: cannot commit: 'fro.txt' missing (the stage is frozen: `pipe unfreeze fro` and run `pipe repro`, or `pipe checkout`)\n",
  ]);
  // an unfrozen stage with a missing output is still an error of a plain commit
  rig.remove('a.txt');
  const gone = await rig.run('commit');
  expect([gone.code, gone.stderr]).toEqual([1, "a: cannot commit: 'a.txt' missing (run `pipe repro` or `pipe checkout`)\n"]);
});
