// `pipe metrics diff REV` where REV's cached metrics file is not in the local cache and the
// default remote cannot be read (its folder is gone): the old note plus the remote's failure; exit 0.
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { addDefaultRemote, env, gitInit, METRIC_PIPELINE, NOT_IN_CACHE, push, twoRevisions } from './diff-fetch-project.js';

test('metrics diff: an unreadable remote leaves the old note, with the remote\'s failure', async () => {
  const rig = makeRig({ 'params.yaml': 'lr: 1\n', 'pipeline.yaml': METRIC_PIPELINE });
  gitInit(rig);
  const remote = await addDefaultRemote(rig);
  await twoRevisions(rig, { afterFirst: () => push(rig) });
  rmSync(remote, { recursive: true, force: true });

  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  // the location is where the remote's url is written
  const lines = rig.read('pipe.config.yaml').split('\n');
  const line = lines.findIndex((l) => l.includes(remote)) + 1;
  const col = (lines[line - 1] ?? '').indexOf(remote) + 1;
  expect([m.code, m.stdout, m.stderr]).toEqual([
    0,
    'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     -       2\n',
    `${NOT_IN_CACHE}; fetching it failed: pipe.config.yaml:${line}:${col}: remote storage (${remote}) does not exist\n`,
  ]);
});
