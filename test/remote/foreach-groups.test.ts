// `pipe push train` / `pipe pull train` where `train` is a foreach stage: the name stands for all
// its copies in pipeline.lock (`train@1`, `train@2`), as it does for `pipe repro train`.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { rigRemote } from './helpers.js';

const pipeline = `stages:
  train:
    foreach: [1, 2]
    do:
      cmd: echo net \${item} > net-\${item}.txt
      outs: ["net-\${item}.txt"]
  other:
    cmd: echo other > other.txt
    outs: [other.txt]
`;

test('a foreach stage named in push and pull transfers every copy, and nothing else', async () => {
  const origin = makeRig({ 'pipeline.yaml': pipeline });
  const remote = rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  const pushed = await origin.run('push', 'train');
  expect(pushed.stdout).toMatch(/^pushed 2 objects \(\d+ B\) and 2 run-cache entries to .+-remote; already on the remote: 0 objects and 0 run-cache entries\n$/);
  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const pulled = await clone.run('pull', 'train');
  expect(pulled.stdout).toMatch(/^pulled 2 objects \(\d+ B\) and 2 run-cache entries from .+-remote; already in the local cache: 0 objects and 0 run-cache entries\nchecked out net-1\.txt \(train@1\)\nchecked out net-2\.txt \(train@2\)\n$/);
  expect((await clone.run('checkout', 'train')).code).toBe(0);
  expect([clone.read('net-1.txt'), clone.read('net-2.txt'), clone.exists('other.txt')]).toEqual(['net 1\n', 'net 2\n', false]);
  const unknown = await clone.run('pull', 'trai');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe('error: stage not in pipeline.lock: trai\nhint: known stages: other, train@1, train@2; run `pipe repro` first for new stages\n');
});
