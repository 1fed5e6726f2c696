// `pipe fetch` (DVC's `dvc fetch`): what `pipe pull` downloads, into the local cache only. The
// workspace is not touched (an output edited by hand stays, and no warning about it); status
// then says the outputs would be restored from the cache, and `pipe checkout` brings them in
// without the remote.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE, rigRemote } from './helpers.js';

test('fetch fills the local cache and leaves the workspace as it is', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE });
  const remote = rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);

  const clone = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const r = await clone.run('fetch');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toMatch(new RegExp(`^fetched \\d+ objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\\n$`));
  expect([clone.exists('total.txt'), clone.exists('out')]).toEqual([false, false]);

  const status = await clone.run('status');
  expect(status.stdout.split('\n').filter((l) => l.includes('would be restored from cache')).length).toBe(2);

  // a second fetch finds it all there
  const again = await clone.run('fetch', '--json');
  const doc = JSON.parse(again.stdout) as { direction: string; objects: { transferred: number } };
  expect([again.code, doc.direction, doc.objects.transferred]).toEqual([0, 'pull', 0]);

  // checkout brings the outputs in from the cache alone (the remote gone)
  clone.write({ 'pipe.config.yaml': 'remote: /nonexistent/remote\n' });
  expect((await clone.run('checkout')).code).toBe(0);
  expect([clone.read('total.txt'), clone.read('out/a.txt')]).toEqual(['made\nmore\n', 'made\n']);
  expect(clone.count('make') + clone.count('sum')).toBe(0);
});

test('fetch leaves an output edited by hand alone, without a word about it; it has no --force', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE });
  rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  origin.write({ 'total.txt': 'edited by hand\n' });
  const r = await origin.run('fetch', 'sum');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(origin.read('total.txt')).toBe('edited by hand\n');
  const forced = await origin.run('fetch', '-f');
  expect([forced.code, forced.stderr]).toEqual([2, "error: unknown option '-f'\n(run `pipe fetch --help` for usage)\n"]);
});
