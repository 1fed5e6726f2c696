// `rm -rf out` takes the out/deep/.gitignore pipe wrote with the output; `pipe pull` checks the
// output out again and writes the line back (with the note `pipe checkout` and `pipe repro` give),
// so `git add -A` does not commit the output.
import { expect, test } from 'vitest';
import { git } from '../add/helpers.js';
import { rigRemote } from '../remote/helpers.js';
import { committedRun } from './helpers.js';

test('an output folder removed by hand: pull checks the output out with its .gitignore line', async () => {
  const rig = await committedRun('stages:\n  a:\n    cmd: mkdir -p out/deep && echo 1 > out/deep/m.txt\n    outs: [out/deep/m.txt]\n');
  const remote = rigRemote(rig);
  expect((await rig.run('push')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'remote');

  rig.remove('out');
  const r = await rig.run('pull');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 1 object and 1 run-cache entry\nchecked out out/deep/m.txt (a)\n`,
    'note: out/deep/.gitignore: added /m.txt (an output pipe keeps in its cache)\n',
  ]);
  expect(rig.read('out/deep/.gitignore')).toBe('/m.txt\n');
  expect(git(rig.dir, 'status', '--porcelain')).toBe('');
  // in place: nothing to say
  const again = await rig.run('pull');
  expect([again.code, again.stderr]).toEqual([0, '']);
});
