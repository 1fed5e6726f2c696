// A frozen stage's output whose cache object is corrupt: checkout removes the object and names
// `pipe pull`, since `pipe repro` will not run a frozen stage to make it again.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { cached, flipByte, recordedHash } from '../remote/corrupt-helpers.js';

const stage = (frozen: boolean) => `stages:\n  gen:\n    cmd: ${JSON.stringify(counted('gen', 'echo good > out.txt'))}\n    outs: [out.txt]\n${frozen ? '    frozen: true\n' : ''}`;

test("a frozen stage's corrupt object: removed, and the hint is a pull", async () => {
  const rig = makeRig({ 'pipeline.yaml': stage(false) });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'pipeline.yaml': stage(true) });
  const hash = recordedHash(rig, 'out.txt');
  flipByte(rig, hash);
  rig.remove('out.txt');
  const r = await rig.run('checkout');
  expect([r.code, r.stderr]).toEqual([
    1,
    'gen: out.txt: cache object is corrupt (content does not match its hash), removed from the cache: run `pipe pull` to fetch it again (the stage is frozen, so `pipe repro` will not make it)\n',
  ]);
  expect([cached(rig, hash), rig.exists('out.txt')]).toEqual([false, false]);
});
