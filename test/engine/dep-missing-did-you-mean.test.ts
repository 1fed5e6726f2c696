// A mistyped dep (`trian.py`) that does not exist and no stage produces: the error names the
// closest file beside it or output of a stage (`did you mean 'train.py'?`); nothing near: no guess.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('the closest existing file, or a stage output', async () => {
  const rig = makeRig({
    'train.py': 'x',
    'src/prep.py': 'x',
    'pipeline.yaml': 'stages:\n  gen:\n    cmd: echo > features.csv\n    outs: [features.csv]\n  train:\n    cmd: echo\n    deps:\n      - trian.py\n      - src/perp.py\n      - featrues.csv\n      - zzz/unrelated.bin\n',
  });
  const r = await rig.run('status');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
    "error: pipeline.yaml:8:9: dep 'trian.py' of stage 'train' does not exist and no stage produces it: did you mean 'train.py'?",
    "error: pipeline.yaml:9:9: dep 'src/perp.py' of stage 'train' does not exist and no stage produces it: did you mean 'src/prep.py'?",
    "error: pipeline.yaml:10:9: dep 'featrues.csv' of stage 'train' does not exist and no stage produces it: did you mean 'features.csv'?",
    "error: pipeline.yaml:11:9: dep 'zzz/unrelated.bin' of stage 'train' does not exist and no stage produces it",
  ]);
});
