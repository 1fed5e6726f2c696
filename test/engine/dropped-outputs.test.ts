// Outputs of stages pipeline.yaml no longer has go at the next repro when they are exactly what
// pipeline.lock recorded (the cache keeps them); so a folder dep holding them (an ensemble's
// members/) is as a clone would have it, and the run-cache can restore the stage after it.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: ${JSON.stringify(counted('train', 'mkdir -p members && echo ${item} > members/m${item}.txt'))}
      outs: ["members/m\${item}.txt"]
  ensemble:
    cmd: ${JSON.stringify(counted('ensemble', 'cat members/*.txt > ensemble.txt'))}
    deps: [members]
    outs: [ensemble.txt]
`;

test('a seed taken out: its member file goes, and the ensemble of the others comes from the run-cache', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'params.yaml': 'seeds: [1, 2, 3]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('ensemble.txt')).toBe('1\n2\n3\n');

  rig.write({ 'params.yaml': 'seeds: [1, 2]\n' });
  const back = await rig.run('repro');
  expect(back.code).toBe(0);
  expect(back.stderr).toBe("note: removed members/m3.txt, an output of 'train@3' (no longer in pipeline.yaml); the cache keeps it\n");
  expect(back.stdout).toMatch(/^ensemble: restored from run-cache$/m);
  expect(rig.exists('members/m3.txt')).toBe(false);
  expect(rig.read('ensemble.txt')).toBe('1\n2\n');
  expect([rig.count('train'), rig.count('ensemble')]).toEqual([3, 2]);
  // and back again: seed 3 from the run-cache too, nothing runs
  rig.write({ 'params.yaml': 'seeds: [1, 2, 3]\n' });
  const again = await rig.run('repro');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect([rig.count('train'), rig.count('ensemble')]).toEqual([3, 2]);
});

test('an output edited since, or one a current stage declares, stays', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2, 3]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'members/m3.txt': 'hand-edited\n', 'params.yaml': 'seeds: [1]\n' });
  // train@2 renamed: a stage of its own now declares members/m2.txt
  rig.write({ 'pipeline.yaml': `${pipeline}  keep2:\n    cmd: ${JSON.stringify(counted('keep2', 'mkdir -p members && echo 2 > members/m2.txt'))}\n    outs: [members/m2.txt]\n` });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("note: members/m3.txt, an output of 'train@3' (no longer in pipeline.yaml), differs from what pipeline.lock recorded: left as it is; delete it unless you mean to keep it (this note is not repeated)\n");
  expect(rig.read('members/m3.txt')).toBe('hand-edited\n');
  expect(rig.read('members/m2.txt')).toBe('2\n');
});

test('a whole stage deleted, an output still read, a partial run: nothing is removed; unread, it goes', async () => {
  const rig = makeRig({
    'params.yaml': 'seeds: [1, 2]\n',
    'pipeline.yaml': `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'echo 42 > raw.txt'))}
    outs: [raw.txt]
  use:
    cmd: ${JSON.stringify(counted('use', 'cat raw.txt members/m2.txt > u.txt'))}
    deps: [raw.txt, members/m2.txt]
    outs: [u.txt]
  train:
    foreach: \${seeds}
    do:
      cmd: ${JSON.stringify(counted('train', 'mkdir -p members && echo ${item} > members/m${item}.txt'))}
      outs: ["members/m\${item}.txt"]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  // gen deleted (raw.txt is now source data), seed 2 taken out though use reads its file
  rig.write({ 'params.yaml': 'seeds: [1]\n', 'pipeline.yaml': rig.read('pipeline.yaml').replace(/  gen:\n.*\n.*\n/, '') });
  const r = await rig.run('repro');
  const kept = "note: members/m2.txt, an output of 'train@2' (no longer in pipeline.yaml), is read by stage 'use': left as it is (it goes once no stage reads it)\n";
  expect([r.code, r.stderr]).toEqual([0, kept]);
  expect([rig.read('raw.txt'), rig.read('members/m2.txt'), rig.read('u.txt')]).toEqual(['42\n', '2\n', '42\n2\n']);
  // a run that rewrites the lock keeps train@2's entry while use reads its output
  rig.write({ 'params.yaml': 'seeds: [1, 4]\n' });
  expect((await rig.run('repro')).stderr).toBe(kept);
  expect(rig.read('pipeline.lock')).toContain('train@2:');
  rig.write({ 'params.yaml': 'seeds: [1]\n' });
  expect((await rig.run('repro')).stderr).toBe(kept + "note: removed members/m4.txt, an output of 'train@4' (no longer in pipeline.yaml); the cache keeps it\n");

  // a run of some stages only leaves dropped copies' outputs alone
  // once nothing reads it, the copy's output goes
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace(/  use:\n.*\n.*\n.*\n/, ''), 'params.yaml': 'seeds: [1, 3]\n' });
  const unread = await rig.run('repro');
  expect([unread.code, unread.stderr]).toEqual([0, "note: removed members/m2.txt, an output of 'train@2' (no longer in pipeline.yaml); the cache keeps it\n"]);
  rig.write({ 'params.yaml': 'seeds: [1]\n' });
  const partial = await rig.run('repro', 'train@1');
  expect([partial.code, partial.stderr]).toEqual([0, '']);
  expect(rig.exists('members/m3.txt')).toBe(true);
  expect((await rig.run('repro')).stderr).toBe("note: removed members/m3.txt, an output of 'train@3' (no longer in pipeline.yaml); the cache keeps it\n");
});
