// A teammate's clone after `git pull`: pipeline.lock names a model the local cache does not hold,
// and the workspace has the model of the commit before, which the cache holds. With a remote
// configured (`remote:` in pipe.config.yaml, or $PIPE_REMOTE), status, repro --dry and checkout
// say `pipe pull` fetches it (the remote is not asked), and call the old model out of date with
// pipeline.lock rather than modified; without one, the words are as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = (count: string) => `stages:
  train:
    cmd: ${JSON.stringify(counted(count, 'echo "model \${lr}" > model.bin'))}
    params: [lr]
    outs: [model.bin]
`;

test('the lock changed under an output the remote holds: pull first, out of date rather than modified', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const a = makeRig({ 'pipeline.yaml': pipeline('train'), 'params.yaml': 'lr: 2\n' });
  const b = makeRig({ 'pipeline.yaml': pipeline('train'), 'params.yaml': 'lr: 1\n' });
  for (const rig of [a, b]) expect((await rig.run('remote', 'add', '-d', 'storage', remote)).code).toBe(0);
  expect((await a.run('repro', '--no-record')).code).toBe(0);
  expect((await a.run('push')).code).toBe(0);
  expect((await b.run('repro', '--no-record')).code).toBe(0);
  // what `git pull` brings: A's params and lock
  b.write({ 'params.yaml': a.read('params.yaml'), 'pipeline.lock': a.read('pipeline.lock') });

  const words = "out 'model.bin' out of date with pipeline.lock, out 'model.bin' not in the local cache: `pipe pull` fetches it";
  const s = await b.run('status');
  expect([s.code, s.stdout]).toEqual([0, `train: would run (${words})\n1 would run.\n`]);
  const dry = await b.run('repro', '--dry', '--no-record');
  expect(dry.stdout).toContain(`train: would run (${words})\n`);
  const c = await b.run('checkout');
  expect([c.code, c.stdout, c.stderr]).toEqual([1, '0 outputs restored.\n', 'train: model.bin: not in the local cache: `pipe pull` fetches it\n']);
  expect((await b.run('pull')).code).toBe(0);
  expect(b.read('model.bin')).toBe('model 2\n');
  expect((await b.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(b.count('train')).toBe(1);
});

test('no remote configured: not in cache, and pipe repro first', async () => {
  const a = makeRig({ 'pipeline.yaml': pipeline('train'), 'params.yaml': 'lr: 2\n' });
  const b = makeRig({ 'pipeline.yaml': pipeline('train'), 'params.yaml': 'lr: 1\n' });
  expect((await a.run('repro', '--no-record')).code).toBe(0);
  expect((await b.run('repro', '--no-record')).code).toBe(0);
  b.write({ 'params.yaml': a.read('params.yaml'), 'pipeline.lock': a.read('pipeline.lock') });
  const s = await b.run('status');
  expect(s.stdout).toBe("train: would run (out 'model.bin' out of date with pipeline.lock, out 'model.bin' not in cache)\n1 would run.\n");
  const c = await b.run('checkout');
  expect([c.code, c.stdout, c.stderr]).toEqual([1, '0 outputs restored.\n', 'train: model.bin: not in cache: run `pipe repro` (or `pipe pull`)\n']);
  // $PIPE_REMOTE counts as a configured remote too
  const env = await b.runWith({ env: { PIPE_REMOTE: '/nowhere' } }, 'checkout');
  expect([env.code, env.stderr]).toEqual([1, 'train: model.bin: not in the local cache: `pipe pull` fetches it\n']);
});
