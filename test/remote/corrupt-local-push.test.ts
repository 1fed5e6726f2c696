// A local cache object whose bytes changed on disk: push finds it while hashing what it sends,
// removes it from the cache (worthless, and `save` skips a name already present) and says what
// stores it again; the command it names then stores a good copy, and the push after it succeeds.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { cached, flipByte, recordedHash } from './corrupt-helpers.js';
import { rigRemote } from './helpers.js';

const pipeline = `stages:\n  count:\n    cmd: ${JSON.stringify(counted('count', 'echo 3 > count.txt'))}\n    outs: [count.txt]\n`;

test('push removes a corrupt local object and names the command that stores it again', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  rigRemote(rig);
  expect((await rig.run('repro')).code).toBe(0);
  const hash = recordedHash(rig, 'count.txt');
  flipByte(rig, hash);

  const r = await rig.run('push');
  expect([r.code, r.stderr]).toEqual([
    1,
    `error: local cache object ${hash} (count.txt, stage count) does not match its hash; removed from the cache, not pushed (\`pipe commit count\` stores it again where the workspace still holds it, else \`pipe repro -f count\` makes it, then push again)\n`,
  ]);
  expect(cached(rig, hash)).toBe(false);

  // the hint works: the rerun stores a good copy (it used to keep the corrupt one by name)
  expect((await rig.run('repro', '-f', 'count')).code).toBe(0);
  expect(rig.count('count')).toBe(2);
  const again = await rig.run('push');
  expect([again.code, again.stderr]).toEqual([0, '']);
});

test('after push removed it, `pipe commit` stores the workspace copy again', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  rigRemote(rig);
  expect((await rig.run('repro')).code).toBe(0);
  flipByte(rig, recordedHash(rig, 'count.txt'));
  expect((await rig.run('push')).code).toBe(1);
  expect((await rig.run('commit', 'count')).code).toBe(0);
  const again = await rig.run('push');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(rig.count('count')).toBe(1);
});
