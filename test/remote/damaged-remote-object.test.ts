// An object damaged on a directory remote with its size unchanged: `pipe pull` rejects it and says
// what mends it; a plain `pipe push` skips it (the remote lists it with the right size, and a push
// reads nothing back), `pipe push --force` sends it again. `pipe status -c` reads no object back,
// so it cannot see such damage: it still says a pull fetches it, and the pull's error then says the rest.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { rigRemote } from './helpers.js';

const pipeline = `stages:
  b:
    cmd: ${JSON.stringify(counted('b', 'echo bbbb > b.txt'))}
    outs: [b.txt]
`;
const HASH = '4551db5fd4d56e27be71a8a943070cfaa4342b8e960a326e2d6427b3aa0a5a48'; // sha256 of 'bbbb\n'

test('pull names the damaged copy and the forced push that replaces it; a plain push cannot', async () => {
  const origin = makeRig({ 'pipeline.yaml': pipeline });
  const remote = rigRemote(origin);
  expect((await origin.run('repro', '--no-record')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  const object = path.join(remote, 'objects', HASH.slice(0, 2), HASH.slice(2));
  fs.writeFileSync(object, 'cccc\n'); // same size, other bytes

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await clone.run('status', '-c')).stdout).toBe(`b.txt (b): not in the local cache: \`pipe pull\` fetches it\n1 output out of sync with ${remote}: 1 not in the local cache; 0 in sync.\n`);
  const pulled = await clone.run('pull');
  expect(pulled.code).toBe(1);
  expect(pulled.stderr).toBe(
    `error: remote object ${HASH} (b.txt, stage b) does not match its hash (tampered or damaged on ${remote}); not stored. ` +
      "The remote's copy must be replaced: where a cache holds a good copy, `pipe push --force b` sends it again (a plain push skips objects the remote already lists)\n",
  );

  const plain = await origin.run('push');
  expect(plain.stdout).toBe(`pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 1 object and 1 run-cache entry\n`);
  expect(fs.readFileSync(object, 'utf8')).toBe('cccc\n');
  const forced = await origin.run('push', '--force', 'b');
  expect([forced.code, forced.stderr, forced.stdout]).toEqual([0, '', `pushed 1 object (5 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`]);
  expect(fs.readFileSync(object, 'utf8')).toBe('bbbb\n');

  const again = await clone.run('pull');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect((await clone.run('checkout')).code).toBe(0);
  expect(clone.read('b.txt')).toBe('bbbb\n');
  expect([origin.count('b'), clone.count('b')]).toEqual([1, 0]);
});

test('a copy of the wrong size: status -c says so, and a plain push sends it again', async () => {
  const origin = makeRig({ 'pipeline.yaml': pipeline });
  const remote = rigRemote(origin);
  expect((await origin.run('repro', '--no-record')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  const object = path.join(remote, 'objects', HASH.slice(0, 2), HASH.slice(2));
  fs.writeFileSync(object, 'bb'); // cut short

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  // the clone has no copy: the size pipeline.lock records tells
  const there = await clone.run('status', '-c');
  expect(there.stdout).toBe(
    'b.txt (b): in neither the local cache nor the remote (a copy there has the wrong size: damaged): `pipe commit b` stores it again where the workspace still holds it (else `pipe repro -f b` makes it), then `pipe push`\n' +
      `1 output out of sync with ${remote}: 1 in neither; 0 in sync.\n`,
  );
  const here = await origin.run('status', '-c', '--json');
  expect(JSON.parse(here.stdout)).toEqual({ remote, entries: [{ path: 'b.txt', stage: 'b', push: true, pull: false, missing: false, damaged: true }], inSync: 0 });
  expect((await origin.run('status', '-c')).stdout).toBe(
    `b.txt (b): not on the remote (a copy there has the wrong size: damaged): \`pipe push\` sends it\n1 output out of sync with ${remote}: 1 not on the remote; 0 in sync.\n`,
  );
  const pushed = await origin.run('push');
  expect(pushed.stdout).toBe(`pushed 1 object (5 B) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 1 run-cache entry\n`);
  expect((await clone.run('status', '-c')).stdout).toBe(`b.txt (b): not in the local cache: \`pipe pull\` fetches it\n1 output out of sync with ${remote}: 1 not in the local cache; 0 in sync.\n`);
  expect((await clone.run('pull')).code).toBe(0);
});
