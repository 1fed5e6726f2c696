// `pipe push` to a remote directory that does not exist creates it, with its parents (as `dvc
// push` does for a local remote); pull then reads from it. It is created only once the push is
// known to go ahead: an unknown stage leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  make:
    cmd: ${counted('make', 'mkdir -p out && echo made > out/a.txt && echo more > out/b.txt')}
    outs: [out]
`;

test('push creates a missing remote directory and its parents; a clone then pulls from it', async () => {
  const origin = makeRig({ 'pipeline.yaml': pipeline });
  const base = path.join(origin.dir, '..', `${path.basename(origin.dir)}-new-remote`);
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const remote = path.join(base, 'team', 'cache');
  expect((await origin.run('repro')).code).toBe(0);

  const unknown = await origin.run('push', '-r', remote, 'nope');
  expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', 'error: stage not in pipeline.lock: nope\nhint: known stages: make; run `pipe repro` first for new stages\n']);
  expect(fs.existsSync(base)).toBe(false);

  const pushed = await origin.run('push', '-r', `file://${remote}`);
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 3 objects \\(\\d+ B\\) and 1 run-cache entry to ${remote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  expect(fs.readdirSync(remote).sort()).toEqual(['objects', 'runs']);

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const pulled = await clone.runWith({ env: { PIPE_REMOTE: '' } }, 'pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(/^pulled 3 objects \(\d+ B\) and 1 run-cache entry from .+; already in the local cache: 0 objects and 0 run-cache entries\nchecked out out \(make\)\n$/);
});
