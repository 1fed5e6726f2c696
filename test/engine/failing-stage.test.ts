// Behaviour 6: a failing cmd stops its dependents (not, with -k, independent branches), leaves
// pipeline.lock and the cache as they were, and reruns next time. A declared out that the cmd
// did not produce is a failure too.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;

function project() {
  return makeRig({
    'mode.txt': 'ok\n',
    'pipeline.yaml': `stages:
  a:
    cmd: ${q(counted('a', 'cp mode.txt a.txt && grep -q ok mode.txt || exit 3'))}
    deps: [mode.txt]
    outs: [a.txt]
  b:
    cmd: ${q(counted('b', 'cp a.txt b.txt'))}
    deps: [a.txt]
    outs: [b.txt]
  c:
    cmd: ${q(counted('c', 'echo c > c.txt'))}
    outs: [c.txt]
`,
  });
}

function objectCount(dir: string): number {
  return readdirSync(join(dir, 'cache/objects'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

test('failure: exit 1, dependents skipped, lock and cache untouched, rerun next time', async () => {
  const rig = project();
  expect((await rig.run('repro')).code).toBe(0);
  const lock = rig.read('pipeline.lock');
  const objects = objectCount(rig.dir);
  rig.write({ 'mode.txt': 'bad\n' });
  const r = await rig.run('repro');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('a: failed: exit code 3\n');
  expect(r.stdout).toMatch(/^a: running \(dep 'mode\.txt' changed\)\nb: skipped \(upstream stage 'a' failed\)\nc: skipped \(not run: an earlier stage failed\)\n1 failed, 2 skipped\.\n$/);
  expect(rig.read('pipeline.lock')).toBe(lock);
  expect(objectCount(rig.dir)).toBe(objects);
  expect([rig.count('a'), rig.count('b')]).toEqual([2, 1]);

  const again = await rig.run('repro');
  expect(again.code).toBe(1);
  expect(rig.count('a')).toBe(3);
});

test('-k keeps running independent branches after a failure', async () => {
  const rig = project();
  rig.write({ 'mode.txt': 'bad\n' });
  const r = await rig.run('repro', '-k');
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/b: skipped \(upstream stage 'a' failed\)\nc: running \(never ran\)\nc: ran \(\d+\.\ds\)\n1 ran, 1 failed, 1 skipped\.\n$/);
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 0, 1]);
  expect(rig.exists('pipeline.lock')).toBe(true);
  expect(rig.read('pipeline.lock')).not.toMatch(/^ {2}a:/m);
  expect(rig.read('pipeline.lock')).toMatch(/^ {2}c:/m);
});

test('a declared out the cmd did not produce is a failure', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  lazy:
    cmd: ${q(counted('lazy', 'echo one > one.txt'))}
    outs: [one.txt, two.txt]
`,
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe("lazy: failed: cmd succeeded but did not produce declared output 'two.txt'\n");
  expect(rig.exists('pipeline.lock')).toBe(false);
});
