// A corrupt local cache object that a good remote holds: `pipe checkout` finds it while verifying,
// removes it from the cache and says so, and the `pipe pull` it names then fetches a good copy
// (pull skips objects the cache has by name, so it could not replace the corrupt one).
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { cached, flipByte, recordedHash } from './corrupt-helpers.js';
import { rigRemote } from './helpers.js';

const pipeline = `stages:\n  count:\n    cmd: ${JSON.stringify(counted('count', 'echo 3 > count.txt'))}\n    outs: [count.txt]\n`;

/** The stage run and pushed (the remote holds a good copy), then its cached object corrupted and its output deleted. */
async function corruptAfterPush(): Promise<{ rig: Rig; hash: string }> {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  rigRemote(rig);
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  const hash = recordedHash(rig, 'count.txt');
  flipByte(rig, hash);
  rig.remove('count.txt');
  return { rig, hash };
}

test("a stage's output: checkout removes the corrupt object, pull fetches it again", async () => {
  const { rig, hash } = await corruptAfterPush();

  const r = await rig.run('checkout', 'count');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    '0 outputs restored.\n',
    'count: count.txt: cache object is corrupt (content does not match its hash), removed from the cache: run `pipe repro` to make it again (or `pipe pull`)\n',
  ]);
  expect([cached(rig, hash), rig.exists('count.txt')]).toEqual([false, false]);

  const pulled = await rig.run('pull', 'count');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toContain('checked out count.txt (count)\n');
  expect([rig.read('count.txt'), rig.count('count')]).toEqual(['3\n', 1]);
  expect((await rig.run('checkout', 'count')).code).toBe(0);
});

test('tracked data: checkout removes the corrupt object, pull fetches it again', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.txt': 'raw\n' });
  rigRemote(rig);
  expect((await rig.run('add', 'data/raw.txt')).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  const hash = sha256('raw\n');
  flipByte(rig, hash);
  rig.remove('data/raw.txt');

  const r = await rig.run('checkout', 'data/raw.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    '0 outputs restored.\n',
    'data/raw.txt.pipe: data/raw.txt: cache object is corrupt (content does not match its hash), removed from the cache: run `pipe pull` to fetch it again\n',
  ]);
  expect(cached(rig, hash)).toBe(false);

  const pulled = await rig.run('pull', 'data/raw.txt');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(rig.read('data/raw.txt')).toBe('raw\n');
});

test('tracked data: push removes the corrupt object, `pipe add` stores the workspace copy again', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.txt': 'raw\n' });
  rigRemote(rig);
  expect((await rig.run('add', 'data/raw.txt')).code).toBe(0);
  const hash = sha256('raw\n');
  flipByte(rig, hash);

  const r = await rig.run('push', 'data/raw.txt');
  expect([r.code, r.stderr]).toEqual([
    1,
    `error: local cache object ${hash} (data/raw.txt) does not match its hash; removed from the cache, not pushed (\`pipe add data/raw.txt\` stores it again where the workspace still holds it, else \`pipe pull\` fetches it from a remote holding a good copy, then push again)\n`,
  ]);
  expect(cached(rig, hash)).toBe(false);
  expect((await rig.run('add', 'data/raw.txt')).code).toBe(0);
  const again = await rig.run('push', 'data/raw.txt');
  expect([again.code, again.stderr]).toEqual([0, '']);
});

test('pull over a corrupt object: the checkout after it finds it and removes it, the next pull fetches it', async () => {
  const { rig, hash } = await corruptAfterPush();

  // pull takes what the cache holds by name as there (it re-hashes only what it fetches)
  const first = await rig.run('pull', 'count');
  expect([first.code, first.stderr]).toEqual([
    1,
    'warning: count: count.txt: cache object is corrupt (content does not match its hash), removed from the cache: run `pipe repro` to make it again (or `pipe pull`)\n',
  ]);
  expect([cached(rig, hash), rig.exists('count.txt')]).toEqual([false, false]);
  const second = await rig.run('pull', 'count');
  expect([second.code, second.stderr]).toEqual([0, '']);
  expect([rig.read('count.txt'), rig.count('count')]).toEqual(['3\n', 1]);
});
