// `pipe repro --pull`: fetch what the remote cache has, then restore instead of running.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a fresh copy with only pipeline.lock restores every stage from the remote', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const files = {
    'pipe.config.yaml': `remote: ${remote}\n`,
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo a > a.txt'))}\n    outs: [a.txt]\n`,
  };
  const first = makeRig(files);
  await first.run('repro');
  expect((await first.run('push')).code).toBe(0);

  const clone = makeRig(files);
  cpSync(join(first.dir, 'pipeline.lock'), join(clone.dir, 'pipeline.lock'));
  const r = await clone.run('repro', '--pull');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/a: restored from cache\n1 restored from cache\.\n$/);
  expect(clone.count('a')).toBe(0);
  expect(clone.read('a.txt')).toBe('a\n');
});

test('--pull without a configured remote is a usage error', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n' });
  const r = await rig.run('repro', '--pull');
  expect(r.code).toBe(2);
  // in the words of `pipe pull`
  expect(r.stderr).toBe((await rig.run('pull')).stderr);
  expect(r.stderr).toBe('error: no remote configured (pipe.config.yaml not found)\nhint: add a line `remote: <directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL>` to pipe.config.yaml at the project root, or set $PIPE_REMOTE or pass --remote\n');
});
