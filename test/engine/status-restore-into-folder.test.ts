// status/--dry decide a stage on what its deps will hold when repro reaches it: an upstream out
// that repro will put back from the cache counts as there, also inside a folder dep (members/,
// where every copy of a foreach stage writes), so the stage reading the folder is up to date
// when repro will find it so.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a member folder deleted: status and --dry say it comes back, and the gather stays as it is', async () => {
  const rig = makeRig({
    'params.yaml': 'seeds: [1, 2]\n',
    'pipeline.yaml': `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: ${JSON.stringify(counted('train', 'mkdir -p members/${item} && echo ${item} > members/${item}/m.txt'))}
      outs: ["members/\${item}"]
  gather:
    cmd: ${JSON.stringify(counted('gather', 'cat members/*/m.txt > gathered.txt'))}
    deps: [members]
    outs: [gathered.txt]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('members/2');

  const back = "train@2: would be restored from cache (out 'members/2' missing)\n";
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, `${back}1 would be restored, 2 up to date.\n`, '']);
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `train@1: up to date\n${back}gather: up to date\n1 would be restored, 2 up to date.\n`, '']);
  expect(rig.exists('members/2')).toBe(false);

  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout]).toEqual([0, 'train@1: up to date\ntrain@2: restored from cache\ngather: up to date\n1 restored from cache, 2 up to date.\n']);
  expect([rig.count('train'), rig.count('gather')]).toEqual([2, 1]);
});
