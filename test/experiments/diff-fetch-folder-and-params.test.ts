// `pipe metrics diff REV` with a metrics folder, and `pipe params diff REV` with a params file a
// stage writes (a cached output), neither in the local cache: the folder's manifest, then its files,
// and the params file come from the remote, one note per command naming what was fetched.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { addDefaultRemote, env, gitInit, push, twoRevisions } from './diff-fetch-project.js';

test('a metrics folder and a cached params file of a revision are fetched from the remote', async () => {
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': [
      'stages:',
      '  tune:',
      '    cmd: >-',
      '      mkdir -p m && echo "{\\"a\\": ${lr}}" > m/a.json && echo "{\\"b\\": ${lr}}" > m/b.json && echo "k: ${lr}" > best.yaml',
      '    params: [lr]',
      '    outs: [best.yaml]',
      '    metrics: [m]',
      '  use:',
      '    cmd: cat best.yaml > used.txt',
      '    params: [{best.yaml: [k]}]',
      '    outs: [used.txt]',
      '',
    ].join('\n'),
  });
  gitInit(rig);
  const remote = await addDefaultRemote(rig);
  await twoRevisions(rig, { afterFirst: () => push(rig) });

  const fetched = (what: string) => `note: fetched ${what} at HEAD~1 from the remote storage (${remote}) into the local cache (that revision's pipeline.lock names it)\n`;
  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([0, 'Path      Metric  HEAD~1  workspace  Change\nm/a.json  a       1       2          +1\nm/b.json  b       1       2          +1\n', fetched('m')]);
  const p = await rig.runWith({ env }, 'params', 'diff', 'HEAD~1');
  expect([p.code, p.stdout, p.stderr]).toEqual([0, 'Path         Param  HEAD~1  workspace  Change\nbest.yaml    k      1       2          +1\nparams.yaml  lr     1       2          +1\n', fetched('best.yaml')]);
});
