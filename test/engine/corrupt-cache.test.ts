// Behaviour 11: a cache object whose content no longer matches its hash is never restored as
// good: repro detects it, removes it from the cache and reruns; checkout reports it, removes it and fails.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

function corruptObjectOf(dir: string, lock: string): string {
  const hash = /path: out\.txt\n\s+hash: ([0-9a-f]{64})/.exec(lock)?.[1];
  expect(hash).toBeDefined();
  const file = join(dir, 'cache/objects', hash!.slice(0, 2), hash!.slice(2));
  chmodSync(file, 0o644);
  writeFileSync(file, 'EVIL\n');
  return file;
}

const pipeline = `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'echo good > out.txt'))}
    outs: [out.txt]
`;

test('repro never restores a corrupt object: it warns, deletes it and reruns the stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  corruptObjectOf(rig.dir, rig.read('pipeline.lock'));
  rig.remove('out.txt');
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    "warning: gen: cannot restore 'out.txt' from cache: object content does not match its hash (removed from the cache); running the stage instead\n",
  );
  expect(r.stdout).toMatch(/^gen: running \(out 'out\.txt' missing, cache object for 'out\.txt' is corrupt\)\ngen: ran/);
  expect(rig.count('gen')).toBe(2);
  expect(rig.read('out.txt')).toBe('good\n');
  // the cache holds the good bytes again: a later restore works
  rig.remove('out.txt');
  expect((await rig.run('repro')).stdout).toBe('gen: restored from cache\n1 restored from cache.\n');
  expect(rig.read('out.txt')).toBe('good\n');
});

test('checkout refuses a corrupt object with a clear message and exit 1', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  const object = corruptObjectOf(rig.dir, rig.read('pipeline.lock'));
  rig.remove('out.txt');
  const r = await rig.run('checkout');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('gen: out.txt: cache object is corrupt (content does not match its hash), removed from the cache: run `pipe repro` to make it again (or `pipe pull`)\n');
  expect(rig.exists('out.txt')).toBe(false);
  expect(existsSync(object)).toBe(false); // removed from the cache, so the repro it names stores a good copy
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('gen'), rig.read('out.txt')]).toEqual([2, 'good\n']);
});
