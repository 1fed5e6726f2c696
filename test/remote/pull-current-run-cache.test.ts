// A pull (and fetch, and `repro --pull`) from a remote that can be listed brings the objects
// pipeline.lock needs and the run-cache entries of the stages' current inputs, with their outputs;
// not the result of every run ever pushed. `--run-cache` brings every entry of the chosen stages.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    cmd: ${counted('train', 'echo "model ${lr}" > model.txt')}
    params: [lr]
    outs: [model.txt]
`;
const env = { env: { PIPE_REMOTE: '' } };

test('pull takes the current inputs\' run entry only; --run-cache takes all; repro --pull finds the one its params need', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 1\n', 'pipe.config.yaml': 'remote: remote\n' });
  for (const lr of [1, 2, 3]) {
    rig.write({ 'params.yaml': `lr: ${lr}\n` });
    expect((await rig.runWith(env, 'repro', '--no-record')).code).toBe(0);
  }
  expect((await rig.runWith(env, 'push')).stdout).toBe(`pushed 3 objects (24 B) and 3 run-cache entries to ${rig.dir}/remote; already on the remote: 0 objects and 0 run-cache entries\n`);
  const remote = `${rig.dir}/remote`;
  const files = { 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 3\n', 'pipeline.lock': rig.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` };

  const ci = makeRig(files);
  const pulled = await ci.runWith(env, 'pull');
  expect([pulled.code, pulled.stderr, pulled.stdout]).toEqual([0, '', `pulled 1 object (8 B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nchecked out model.txt (train)\n`]);
  const all = await ci.runWith(env, 'pull', '--run-cache');
  expect([all.code, all.stderr, all.stdout]).toEqual([0, '', `pulled 2 objects (16 B) and 2 run-cache entries from ${remote}; already in the local cache: 1 object and 1 run-cache entry\n`]);

  const fetched = await makeRig(files).runWith(env, 'fetch');
  expect([fetched.code, fetched.stderr, fetched.stdout]).toEqual([0, '', `fetched 1 object (8 B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`]);

  // params changed back to a run pushed before: that entry (and the lock's object) come, nothing runs
  const other = makeRig({ ...files, 'params.yaml': 'lr: 2\n' });
  const r = await other.runWith(env, 'repro', '--pull', '--no-record');
  expect([r.code, r.stdout]).toEqual([0, `pulled 2 objects (16 B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\ntrain: restored from run-cache\n1 restored from cache.\n`]);
  expect(other.count('train')).toBe(0);
  expect(other.read('model.txt')).toBe('model 2\n');
});
