// pipeline.lock describes the pipeline as it is: when a run writes it, the entries of stages that
// pipeline.yaml no longer has (deleted, renamed, or a foreach item taken out) go, so `pipe push`
// does not look for their objects; an item put back comes back from the run-cache.
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { counted, makeRig } from '../rig.js';

const lockedStages = (text: string): string[] => Object.keys((parse(text) as { stages: object }).stages).sort();

test('a deleted stage and a removed foreach item leave pipeline.lock at the next run', async () => {
  const rig = makeRig({
    'params.yaml': 'seeds: [1, 2]\n',
    'in.txt': 'a\n',
    'pipeline.yaml': `stages:
  prep:
    cmd: ${JSON.stringify(counted('prep', 'cp in.txt prep.txt'))}
    deps: [in.txt]
    outs: [prep.txt]
  gone:
    cmd: ${JSON.stringify(counted('gone', 'echo g > gone.txt'))}
    outs: [gone.txt]
  train:
    foreach: \${seeds}
    do:
      cmd: ${JSON.stringify(counted('train', 'echo ${item} > m${item}.txt'))}
      deps: [prep.txt]
      outs: ["m\${item}.txt"]
`,
  });
  const first = await rig.run('repro');
  expect([first.code, first.stderr]).toEqual([0, '']);
  expect(lockedStages(rig.read('pipeline.lock'))).toEqual(['gone', 'prep', 'train@1', 'train@2']);

  // `gone` deleted and seed 2 taken out; prep's dep changes, so the run writes the lock
  rig.write({
    'params.yaml': 'seeds: [1]\n',
    'in.txt': 'b\n',
    'pipeline.yaml': rig.read('pipeline.yaml').replace(/  gone:\n.*\n.*\n/, ''),
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect(lockedStages(rig.read('pipeline.lock'))).toEqual(['prep', 'train@1']);
  const push = await rig.run('push', '--remote', `${rig.dir}/remote`);
  expect([push.code, push.stderr]).toEqual([0, '']);

  // seed 2 back with in.txt as it was for it: restored from the run-cache, not run again
  rig.write({ 'params.yaml': 'seeds: [1, 2]\n', 'in.txt': 'a\n' });
  const back = await rig.run('repro');
  expect(back.code).toBe(0);
  expect(back.stdout).toMatch(/^train@2: restored from run-cache$/m);
  expect(rig.count('train')).toBe(3); // 1 and 2 at first, 1 again after in.txt changed
  expect(lockedStages(rig.read('pipeline.lock'))).toEqual(['prep', 'train@1', 'train@2']);
});
