// `params diff HEAD HEAD` (both sides the same): the note says so, rather than naming the second
// side `HEAD (B)`, the name only the table's second column needs.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { commitAll, gitInit } from './helpers.js';

test('both sides the same revision: a note saying so, exit 0', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: exit 0\n    params: [lr]\n    metrics: [m.json]\n', 'params.yaml': 'lr: 0.1\n', 'm.json': '{"acc": 0.5}\n' });
  gitInit(rig.dir);
  commitAll(rig.dir, 'base');
  for (const what of ['params', 'metrics']) {
    const r = await rig.run(what, 'diff', 'HEAD', 'HEAD');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'note: no differences: both sides are HEAD\n']);
  }
  const all = await rig.run('params', 'diff', 'HEAD', 'HEAD', '--all');
  expect([all.code, all.stdout]).toEqual([0, 'Path         Param  HEAD  HEAD (B)  Change\nparams.yaml  lr     0.1   0.1       0\n']);
});
