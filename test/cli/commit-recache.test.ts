// `pipe commit` on a stage whose outputs are as pipeline.lock records them but whose objects the
// cache lost (deleted by hand, a cache copied in part): stores them again from the workspace, so
// push and checkout have them; nothing runs and the lock is unchanged. `cache: false` outputs stay
// out of the cache.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('an up-to-date stage whose output the cache lost: commit stores it again', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo made > out.txt && echo "{}" > m.json'))}\n    outs: [out.txt]\n    metrics:\n      - m.json: {cache: false}\n`,
  });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const lock = rig.read('pipeline.lock');
  const objects = join(rig.dir, 'cache/objects');
  for (const d of readdirSync(objects)) rmSync(join(objects, d), { recursive: true });
  const r = await rig.run('commit');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, "a: up to date (the cache did not hold 'out.txt': stored from the workspace)\n0 stages committed; 1 output stored in the cache.\n", '']);
  expect(readdirSync(objects).length).toBe(1); // out.txt's object, not m.json's
  expect([rig.read('pipeline.lock'), rig.count('a')]).toEqual([lock, 1]);
  rig.remove('out.txt');
  const back = await rig.run('checkout', 'a');
  expect([back.code, rig.read('out.txt')]).toEqual([0, 'made\n']);
  expect((await rig.run('commit')).stdout).toBe('a: up to date\n0 stages committed.\n');
});
