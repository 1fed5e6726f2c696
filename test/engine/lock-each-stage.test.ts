// pipeline.lock records each stage as soon as it finishes (the lock is kept in memory between
// stages, reproduce.ts lockWriter / stores LockUpdater): the next stage already finds it there, a
// repro that fails later keeps what finished, and an edit another process makes to the file
// meanwhile is not overwritten by the next stage's record.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const q = JSON.stringify;

const pipeline = `stages:
  s1:
    cmd: echo 1 > 1.txt
    outs: [1.txt]
  s2:
    cmd: echo 2 > 2.txt
    outs: [2.txt]
  s3:
    cmd: echo 3 > 3.txt
    outs: [3.txt]
  peek:
    cmd: ${q("grep -c '^  s[0-9]:$' pipeline.lock > seen.txt")}
    outs: [seen.txt]
  bad:
    cmd: exit 4
    outs: [never.txt]
`;

test('each finished stage is on disk before the next starts; a later failure keeps them all', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('bad: failed: exit code 4\n');
  expect(rig.read('seen.txt')).toBe('3\n');
  const kept = rig.read('pipeline.lock');
  expect(kept.match(/^ {2}[a-z0-9]+:$/gm)).toEqual(['  peek:', '  s1:', '  s2:', '  s3:']);

  // byte for byte what a repro of just those stages writes
  const only = makeRig({ 'pipeline.yaml': pipeline });
  expect((await only.run('repro', 's1', 's2', 's3', 'peek')).code).toBe(0);
  expect(only.read('pipeline.lock')).toBe(kept);
});

test('an edit made to pipeline.lock while the repro runs is kept by the records after it', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  z:
    cmd: echo z > z.txt
    outs: [z.txt]
  a:
    cmd: echo a > a.txt
    outs: [a.txt]
  edit:
    cmd: ${q("sed -i 's/echo z > z.txt/echo edited > z.txt/' pipeline.lock && echo e > e.txt")}
    outs: [e.txt]
  b:
    cmd: echo b > b.txt
    outs: [b.txt]
`,
  });
  expect((await rig.run('repro', 'z')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('  z:\n    cmd: echo z > z.txt\n');
  const r = await rig.run('repro', 'a', 'edit', 'b');
  expect(r.code).toBe(0);
  const lock = rig.read('pipeline.lock');
  expect(lock).toContain('  z:\n    cmd: echo edited > z.txt\n');
  expect(lock.match(/^ {2}[a-z0-9]+:$/gm)).toEqual(['  a:', '  b:', '  edit:', '  z:']);
});
