// A target that is neither a stage nor tracked data: exit 2 with a did-you-mean, or, for a stage's
// output, the stage to remove; one bad target among good ones changes nothing.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = 'stages:\n  train:\n    cmd: echo t > t.txt\n    outs: [t.txt]\n  report:\n    cmd: echo r > r.txt\n';

test('unknown names and an output path: exit 2, nothing changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'x.txt': 'x\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', 'report', 'trian', 'x.txt', 't.txt');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: 'trian' is neither a stage in pipeline.yaml (stages: train, report) nor data `pipe add` tracks; did you mean 'train'?\n" +
      "error: 'x.txt' is neither a stage in pipeline.yaml (stages: train, report) nor data `pipe add` tracks\n" +
      "error: 't.txt' is output 't.txt' of stage 'train' (pipeline.yaml:4:12), not a stage or tracked data: `pipe remove train` removes the stage, or take the output out of its outs\n",
  );
  expect(snapshot(rig.dir)).toEqual(before);
});
