// A stage may depend on data `pipe add` tracks, as on any file: recording new content with
// `pipe add` reruns it, and `pipe checkout` of an older tracking file brings back the old data,
// after which the stage is restored from the run-cache instead of run.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('new content added reruns the stage; the old content checked out restores it', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  count:\n    cmd: ${JSON.stringify(counted('count', 'cat data/raw/* | wc -l > lines.txt'))}\n    deps: [data/raw]\n    outs: [lines.txt]\n`,
    'data/raw/a.txt': 'a\n',
  });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const v1 = rig.read('data/raw.pipe');
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('count'), rig.read('lines.txt').trim()]).toEqual([1, '1']);

  rig.write({ 'data/raw/b.txt': 'b\nc\n' });
  expect((await rig.run('add', 'data/raw')).stdout).toBe('updated data/raw (2 files, 6 B): commit data/raw.pipe\n');
  expect((await rig.run('status')).stdout).toBe("count: would run (dep 'data/raw' changed)\n1 would run.\n");
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('count'), rig.read('lines.txt').trim()]).toEqual([2, '3']);

  // as `git checkout` of the older commit would: the tracking file goes back, then its data
  rig.write({ 'data/raw.pipe': v1 });
  const st = await rig.run('status');
  expect(st.stdout.split('\n')[0]).toBe("data/raw: modified (differs from data/raw.pipe): stage 'count' reads it, so `pipe repro` stores this version in the cache and updates data/raw.pipe first (`pipe add data/raw` does so alone); `pipe checkout data/raw` restores what data/raw.pipe records");
  const back = await rig.run('checkout', 'data/raw');
  expect([back.code, back.stdout]).toEqual([0, 'data/raw.pipe: data/raw: restored from cache\n1 output restored.\n']);
  expect(rig.exists('data/raw/b.txt')).toBe(false);
  expect((await rig.run('status')).stdout).toBe("count: would be restored from run-cache (dep 'data/raw' changed)\n1 would be restored.\n");
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('count'), rig.read('lines.txt').trim()]).toEqual([2, '1']);
});
