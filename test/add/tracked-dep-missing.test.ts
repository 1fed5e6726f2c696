// A stage's dep that is missing tracked data (a fresh clone before `pipe checkout`): repro stops
// before running anything, as for any missing dep (exit 2), and says which .pipe file tracks it and
// how to bring it back. (`pipe status` reports the stage blocked instead: status-tracked-dep-missing.)
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('repro names the tracking file of the folder holding a missing dep', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  first:\n    cmd: ${JSON.stringify(counted('first', 'cat data/raw/a.txt > out.txt'))}\n    deps: [data/raw/a.txt]\n    outs: [out.txt]\n`,
    'data/raw/a.txt': 'a\n',
  });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  rig.remove('data/raw');
  const r = await rig.run('repro');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:4:12: stage 'first' cannot run: dep 'data/raw/a.txt' is tracked data missing from the workspace (data/raw.pipe tracks it): `pipe checkout data/raw` restores it (`pipe pull` first where the cache lacks it)\n" +
      '      deps: [data/raw/a.txt]\n' +
      '             ^\n',
  ]);
  expect((await rig.run('checkout', 'data/raw')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('first'), rig.read('out.txt')]).toEqual([1, 'a\n']);
});
