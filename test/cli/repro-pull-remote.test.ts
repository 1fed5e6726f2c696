// `pipe repro --pull --remote <dir>`: the remote to fetch from, over $PIPE_REMOTE and
// pipe.config.yaml, as for `pipe pull --remote`; --remote without --pull is a usage error.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('repro --pull --remote fetches from the remote named, over pipe.config.yaml', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const pipeline = `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo a > a.txt'))}\n    outs: [a.txt]\n`;
  const first = makeRig({ 'pipeline.yaml': pipeline });
  await first.run('repro');
  expect((await first.run('push', '--remote', remote)).code).toBe(0);

  // the configured remote is empty: only the one named has the objects
  const empty = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(empty, { recursive: true, force: true }));
  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${empty}\n` });
  cpSync(join(first.dir, 'pipeline.lock'), join(clone.dir, 'pipeline.lock'));
  const alone = await clone.run('repro', '--remote', remote);
  expect([alone.code, alone.stdout, alone.stderr]).toEqual([2, '', 'error: --remote names the remote `--pull` fetches from: add --pull (or use `pipe pull --remote`)\n']);
  const r = await clone.run('repro', '--pull', '--remote', remote);
  // what was fetched, and from where, first: in `pipe pull`'s words
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `pulled 1 object (2 B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\na: restored from cache\n1 restored from cache.\n`, '']);
  expect(clone.count('a')).toBe(0);
  expect(clone.read('a.txt')).toBe('a\n');
});
