// Running again under the name of a run that failed: refused as any name in use (exit 2), but the
// message says that run failed and the hint names `pipe exp remove <name>`, after which the name is free.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const PROJECT = {
  'pipeline.yaml': 'stages:\n  train:\n    cmd: sh train.sh\n    params: [train.lr]\n    outs: [model.txt]\n',
  'params.yaml': 'train:\n  lr: 0.1\n',
  // lr 2 diverges
  'train.sh': "if grep -q 'lr: 2' params.yaml; then exit 1; fi\necho model > model.txt\n",
};

test('the hint names exp remove; once removed, the name runs again', async () => {
  const rig = makeRig(PROJECT);
  expect((await rig.run('exp', 'run', '-S', 'train.lr=2', '-n', 'try')).code).toBe(1);
  const again = await rig.run('exp', 'run', '-S', 'train.lr=0.5', '-n', 'try');
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/^error: experiment name 'try' is already used by \d{8}-\d{6}-[0-9a-f]{4}, a run that failed\nhint: `pipe exp remove try` deletes its record, then run it again under that name; or choose another name with -n\n$/);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: 2\n');
  expect((await rig.run('exp', 'remove', 'try')).code).toBe(0);
  const r = await rig.run('exp', 'run', '-S', 'train.lr=0.5', '-n', 'try');
  expect([r.code, r.stderr]).toEqual([0, '']);
});

test('a name used by a run that finished keeps the plain hint', async () => {
  const rig = makeRig(PROJECT);
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.3', '-n', 'done')).code).toBe(0);
  const again = await rig.run('exp', 'run', '-S', 'train.lr=0.5', '-n', 'done');
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/^error: experiment name 'done' is already used by \d{8}-\d{6}-[0-9a-f]{4}\nhint: choose another name with -n\n$/);
});
