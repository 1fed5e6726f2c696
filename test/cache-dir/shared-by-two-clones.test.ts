// Two clones of one project whose pipe.config.local.yaml names the same cache folder: what one
// runs, the other restores from that folder (pipeline.lock or the run-cache) without running it,
// and neither has a cache/ of its own.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a clone restores the outputs the other made, from the shared cache folder', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'pipe-shared-cache-'));
  onTestFinished(() => rmSync(shared, { recursive: true, force: true }));
  const files = {
    'in.txt': 'one\n',
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'cat in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
  };
  const first = makeRig(files);
  const second = makeRig(files);
  for (const rig of [first, second]) expect((await rig.run('cache', 'dir', '--local', shared)).code).toBe(0);

  expect((await first.run('repro', '--no-record')).code).toBe(0);
  // the second clone gets the lock as git would bring it
  cpSync(join(first.dir, 'pipeline.lock'), join(second.dir, 'pipeline.lock'));
  const status = await second.run('status');
  expect([status.code, status.stdout]).toEqual([0, "a: would be restored from cache (out 'out.txt' missing)\n1 would be restored.\n"]);
  const r = await second.run('repro', '--no-record');
  expect([r.code, r.stdout, second.read('out.txt'), second.count('a')]).toEqual([0, 'a: restored from cache\n1 restored from cache.\n', 'one\n', 0]);

  // a change run in the second clone is a run-cache hit in the first
  second.write({ 'in.txt': 'two\n' });
  expect((await second.run('repro', '--no-record')).code).toBe(0);
  first.write({ 'in.txt': 'two\n' });
  const back = await first.run('repro', '--no-record');
  expect([back.code, back.stdout, first.read('out.txt'), first.count('a')]).toEqual([0, 'a: restored from run-cache\n1 restored from cache.\n', 'two\n', 1]);

  expect([existsSync(join(first.dir, 'cache')), existsSync(join(second.dir, 'cache')), readdirSync(join(shared, 'objects')).length]).toEqual([false, false, 2]);
});
