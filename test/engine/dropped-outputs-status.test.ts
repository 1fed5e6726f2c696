// `pipe status` and `pipe repro --dry` foresee what a whole-pipeline repro does with the outputs
// of foreach copies pipeline.yaml no longer makes (dropped-outputs.test.ts): they name each
// output it would remove or leave, and decide the stages after it as if the removals were done,
// so a folder dep holding them (members/) is hashed as repro will find it. With targets, as
// repro with targets, nothing is removed or foreseen. Neither command removes anything.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: ${JSON.stringify(counted('train', 'mkdir -p members/${item} && echo ${item} > members/${item}/m.txt'))}
      outs: ["members/\${item}"]
  gather:
    cmd: ${JSON.stringify(counted('gather', 'cat members/*/m.txt > gathered.txt'))}
    deps: [members]
    params: [seeds]
    outs: [gathered.txt]
`;

const removal = "note: would remove members/3, an output of 'train@3' (no longer in pipeline.yaml); the cache keeps it\n";

test('a seed taken out again: status and --dry say its output goes and the gather comes from the run-cache, as repro then does', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2, 3]\n' });
  for (const seeds of ['[1, 2, 3]', '[1, 2]', '[1, 2, 3]']) {
    rig.write({ 'params.yaml': `seeds: ${seeds}\n` });
    expect((await rig.run('repro')).code).toBe(0);
  }
  expect([rig.count('train'), rig.count('gather')]).toEqual([3, 2]);
  rig.write({ 'params.yaml': 'seeds: [1, 2]\n' });

  const restored = "gather: would be restored from run-cache (dep 'members' changed, param 'seeds' changed)\n";
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, `${restored}1 would be restored, 2 up to date.\n`, removal]);
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `train@1: up to date\ntrain@2: up to date\n${restored}1 would be restored, 2 up to date.\n`, removal]);

  // a repro of the gather alone removes nothing: it would run on members/ as it is, 3 included
  const wouldRun = "gather: would run (param 'seeds' changed)\n1 would run, 2 up to date.\n";
  const targeted = await rig.run('status', 'gather');
  expect([targeted.code, targeted.stdout, targeted.stderr]).toEqual([0, wouldRun, '']);
  const targetedDry = await rig.run('repro', '--dry', 'gather');
  expect([targetedDry.code, targetedDry.stdout, targetedDry.stderr]).toEqual([0, `train@1: up to date\ntrain@2: up to date\n${wouldRun}`, '']);

  // all of that read only
  expect(rig.read('members/3/m.txt')).toBe('3\n');
  expect([rig.count('train'), rig.count('gather')]).toEqual([3, 2]);

  const repro = await rig.run('repro');
  expect([repro.code, repro.stderr]).toEqual([0, "note: removed members/3, an output of 'train@3' (no longer in pipeline.yaml); the cache keeps it\n"]);
  expect(repro.stdout).toBe('train@1: up to date\ntrain@2: up to date\ngather: restored from run-cache\n1 restored from cache, 2 up to date.\n');
  expect([rig.count('train'), rig.count('gather')]).toEqual([3, 2]);
  expect(rig.read('gathered.txt')).toBe('1\n2\n');
  const after = await rig.run('status');
  expect([after.code, after.stdout, after.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
});

test('an output of a dropped copy edited since: status says it would be left, and decides the gather on it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2, 3]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'params.yaml': 'seeds: [1, 2]\n', 'members/3/m.txt': 'edited\n' });

  const left = "members/3, an output of 'train@3' (no longer in pipeline.yaml), differs from what pipeline.lock recorded";
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([
    0,
    "gather: would run (dep 'members' changed, param 'seeds' changed)\n1 would run, 2 up to date.\n",
    `note: ${left}: would be left as it is\n`,
  ]);
  const json = await rig.run('status', '--json');
  expect(JSON.parse(json.stdout).dropped).toEqual([{ path: 'members/3', stage: 'train@3', action: 'keep', text: `${left}: would be left as it is` }]);

  const repro = await rig.run('repro');
  expect([repro.code, repro.stderr]).toEqual([0, `note: ${left}: left as it is; delete it unless you mean to keep it (this note is not repeated)\n`]);
  expect(rig.read('gathered.txt')).toBe('1\n2\nedited\n');
});
