// A clone that has not pulled lacks the objects pipeline.lock names, but the remote has them: a
// push counts them as already on the remote and succeeds (the pre-push hook lets `git push` go
// through). Only an object missing from both is an error, whose advice names `pipe pull` first.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    cmd: ${counted('train', 'echo model > model.txt')}
    outs: [model.txt]
`;
const env = { env: { PIPE_REMOTE: '' } };

test('push: an object missing locally but on the remote is already there; missing from both is an error naming pipe pull first', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remote: remote\n' });
  expect((await rig.runWith(env, 'repro', '--no-record')).code).toBe(0);
  expect((await rig.runWith(env, 'push')).code).toBe(0);
  const remote = `${rig.dir}/remote`;
  const hash = JSON.stringify(rig.read('pipeline.lock')).match(/[0-9a-f]{64}/)?.[0] ?? '';

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': rig.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const pushed = await clone.runWith(env, 'push');
  expect([pushed.code, pushed.stderr, pushed.stdout]).toEqual([0, '', `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 1 object and 0 run-cache entries\n`]);

  const empty = `${clone.dir}/empty`;
  const none = await clone.runWith(env, 'push', '-r', empty);
  expect([none.code, none.stderr]).toEqual([
    1,
    `error: object ${hash} (model.txt, stage train) is neither in the local cache nor on the remote ${empty}; nothing to push for it (\`pipe pull -r <remote> train\` fetches it from another remote that holds it; \`pipe commit train\` stores it again where the workspace still holds it, else \`pipe repro -f train\` makes it)\n`,
  ]);
});
