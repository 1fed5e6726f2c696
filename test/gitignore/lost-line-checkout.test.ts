// `rm -rf out` takes the out/deep/.gitignore pipe wrote with the output; `pipe checkout` brings
// the output back and the line with it (with the note a repro gives), so `git add -A` does not
// commit the output.
import { expect, test } from 'vitest';
import { git } from '../add/helpers.js';
import { committedRun } from './helpers.js';

test('an output folder removed by hand: checkout restores the output and its .gitignore line', async () => {
  const rig = await committedRun('stages:\n  a:\n    cmd: mkdir -p out/deep && echo 1 > out/deep/m.txt\n    outs: [out/deep/m.txt]\n');
  expect(rig.read('out/deep/.gitignore')).toBe('/m.txt\n');

  rig.remove('out');
  const r = await rig.run('checkout');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'a: out/deep/m.txt: restored from cache\n1 output restored.\n', 'note: out/deep/.gitignore: added /m.txt (an output pipe keeps in its cache)\n']);
  expect(git(rig.dir, 'status', '--porcelain')).toBe('');
  // in place: nothing to say
  const again = await rig.run('checkout');
  expect([again.code, again.stderr]).toEqual([0, '']);
});
