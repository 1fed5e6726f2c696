// What the cache lacks is named "not in cache", as DVC does, never taken for a change it cannot
// see: an output the workspace lacks and the cache lacks too (a fresh clone before `pipe pull`:
// not a deletion), and a folder whose file list (its manifest) is not in the cache. With
// --hide-missing they are left out.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { committedRig } from './helpers.js';

test('an output missing from the workspace and the cache is not in cache, not deleted', async () => {
  const rig = await committedRig();
  rig.remove('b.txt');
  rmSync(join(rig.dir, 'cache'), { recursive: true, force: true });
  const r = await rig.run('diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Not in cache:\n    b.txt\n\nfiles summary: 0 added, 0 deleted, 0 modified, 1 not in cache\n');
  const hidden = await rig.run('diff', '--hide-missing');
  expect(hidden.code).toBe(0);
  expect(hidden.stdout).toBe('');
  expect(hidden.stderr).toBe('note: no differences between HEAD and workspace\n');
});

test("a folder whose old manifest the cache lacks: its line, and not in cache instead of its files", async () => {
  const pipeline = 'stages:\n  f:\n    cmd: mkdir -p out && cp src.txt out/a.txt && echo b > out/b.txt\n    deps: [src.txt]\n    outs: [out]\n';
  const rig = await committedRig({ 'pipeline.yaml': pipeline, 'src.txt': '1\n' });
  rmSync(join(rig.dir, 'cache'), { recursive: true, force: true });
  rig.write({ 'src.txt': '2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Modified:\n    out/\n\nNot in cache:\n    out/\n\nfiles summary: 0 added, 0 deleted, 0 modified, 1 not in cache\n');
  const hidden = await rig.run('diff', '--hide-missing');
  expect(hidden.stdout).toBe('Modified:\n    out/\n\nfiles summary: 0 added, 0 deleted, 0 modified\n');
});
