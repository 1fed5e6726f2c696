// A dropped foreach item's `cache: false` output that git tracks (a metric committed with the
// code) is left in place with a note, not deleted: the deletion would show in `git status` as the
// user's own change. Its cached output next to it still goes.
import { expect, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: echo \${item} > model\${item}.txt && echo \${item} > m\${item}.json
      outs: ["model\${item}.txt"]
      metrics:
        - m\${item}.json:
            cache: false
`;

test('a seed taken out: its git-tracked metric stays, its cached model goes', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2]\n' });
  initRepo(rig.dir);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'base');
  rig.write({ 'params.yaml': 'seeds: [1]\n' });
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stderr]).toEqual([
    0,
    "note: m2.json, an output of 'train@2' (no longer in pipeline.yaml), is tracked by git: left as it is (`git rm` it if you no longer want it)\n" +
      "note: removed model2.txt, an output of 'train@2' (no longer in pipeline.yaml); the cache keeps it\n",
  ]);
  expect([rig.exists('m2.json'), rig.exists('model2.txt')]).toEqual([true, false]);
  expect(git(rig.dir, 'status', '--porcelain')).toBe(' M params.yaml\n');
});
