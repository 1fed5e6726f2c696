// `pipe metrics diff REV` where REV's cached metrics file is neither in the local cache nor on the
// remote (never pushed): the old note, plus why fetching did not help; exit 0, the value shown as -.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { addDefaultRemote, env, git, gitInit, METRIC_PIPELINE, NOT_IN_CACHE, push, twoRevisions } from './diff-fetch-project.js';

test('metrics diff: a remote that lacks the revision\'s object leaves the old note, saying so', async () => {
  const rig = makeRig({ 'params.yaml': 'lr: 1\n', 'pipeline.yaml': METRIC_PIPELINE });
  gitInit(rig);
  const remote = await addDefaultRemote(rig);
  await twoRevisions(rig, {
    // pushed after lr 2 only; that push sends lr 1's run-cache entry and its object too: taken off, as if never pushed
    afterSecond: async () => {
      await push(rig);
      const old = /path: m\.json\n\s+hash: (\w+)/.exec(git(rig.dir, 'show', 'HEAD~1:pipeline.lock'))?.[1] ?? '';
      expect(old).toMatch(/^[0-9a-f]{64}$/);
      rmSync(join(remote, 'objects', old.slice(0, 2), old.slice(2)));
    },
  });

  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([
    0,
    'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     -       2\n',
    `${NOT_IN_CACHE}; fetching it failed: the remote storage (${remote}) does not hold it\n`,
  ]);
});
