// A pull whose local cache fails under it (here a shard folder's name taken by a file; the same
// path as a `pipe gc` from an older pipe removing folders under it) stops with one error naming
// the path, exit 1, never a stack trace; once the obstacle is gone a rerun finishes.
import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE, rigRemote } from './helpers.js';

test('a file-system error in the middle of a pull is one error, exit 1', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE });
  const remote = rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  const clone = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const shards = readdirSync(join(remote, 'objects'));
  mkdirSync(join(clone.dir, 'cache', 'objects'), { recursive: true });
  for (const s of shards) writeFileSync(join(clone.dir, 'cache', 'objects', s), 'not a folder');
  const r = await clone.run('pull');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: the transfer stopped: E[A-Z]+: [^\n]*cache\/objects\/[0-9a-f]{2}[^\n]*; what was already transferred stays: run the command again to finish\n$/);
  for (const s of shards) rmSync(join(clone.dir, 'cache', 'objects', s));
  const again = await clone.run('pull');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(clone.read('total.txt')).toBe('made\nmore\n');
});
