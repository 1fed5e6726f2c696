// A stage other stages read from is removed anyway, with a note naming them and their dep's line
// (in the new pipeline.yaml): the file stays and is read as a plain dep, so they stay up to date;
// with --outs it is gone, and `pipe status` names the missing dep (the stages reading it blocked).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: ${counted('prep', 'echo p > p.txt')}
    outs: [p.txt]
  fit:
    foreach: [1, 2]
    do:
      cmd: ${counted('fit', 'cat p.txt > f${item}.txt')}
      deps: [p.txt]
      outs: ["f\${item}.txt"]
`;

test('the dependents are named; the output, kept, is read as a plain file', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('remove', 'prep');
  expect([r.code, r.stderr]).toEqual([
    0,
    "note: stages 'fit@1', 'fit@2' depend on 'p.txt' (pipeline.yaml:6:14), made by the removed stage 'prep': no stage makes it now; it is read as a plain file or folder from the workspace\n",
  ]);
  expect(rig.read('pipeline.yaml').split('\n')[5]).toBe('      deps: [p.txt]');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  // a change to it now reruns them, as a change to any dep does
  rig.write({ 'p.txt': 'edited\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('prep'), rig.count('fit')]).toEqual([1, 4]);
  expect(rig.read('f1.txt')).toBe('edited\n');
});

test('with --outs the dep is gone: the note says so, and status names it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('remove', '--outs', 'prep');
  expect([r.code, r.stderr]).toEqual([
    0,
    "note: stages 'fit@1', 'fit@2' depend on 'p.txt' (pipeline.yaml:6:14), made by the removed stage 'prep': deleted with --outs, it stops `pipe repro` until you put it back or change the dep\n",
  ]);
  // pipeline.lock records it from their last run: they are blocked, not a configuration error
  const status = await rig.run('status');
  expect(status.code).toBe(0);
  expect(status.stdout).toContain("fit@1: blocked: dep 'p.txt' is missing (pipeline.lock records it from the stage's last run, and no stage produces it): put it back, or take it out of the stage's deps (pipeline.yaml:6:14)\n");
});
