// A `cache:` setting that does not read (a misspelt key, a value that is not a folder) refuses
// every command, at its line, rather than let it use the project's own cache/ in its place: a
// run would store its outputs where the other clones sharing the cache never look.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const PIPELINE = 'stages:\n  a:\n    cmd: echo made > out.txt\n    outs: [out.txt]\n';

test('a cache setting that does not read refuses every command but pipe cache', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'pipe.config.yaml': 'cache:\n  dri: ../x\n' });
  const error = "error: pipe.config.yaml:2:8: unknown key 'dri' under `cache` (pipe reads `dir` alone)\nhint: write it as `cache:` with `dir: <folder>` below it, or set it with `pipe cache dir <folder>`\n";
  expect(await rig.run('status')).toEqual({ code: 2, signal: null, stdout: '', stderr: error });
  expect(await rig.run('cache', 'dir')).toEqual({ code: 2, signal: null, stdout: '', stderr: error });
  const both = await rig.run('cache', 'dir', '--unset', 'x');
  expect([both.code, both.stderr]).toEqual([2, 'error: --unset removes the setting: give a path (x) or --unset, not both\n']);
  expect(rig.exists('cache')).toBe(false);
});
