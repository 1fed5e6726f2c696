// `pipe stage add -f` replacing a stage takes out the .gitignore lines pipe wrote for the cached
// outputs the stage no longer has, and notes the stages that read one (as `pipe remove` does).
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

test('-o old.txt replaced by -o new.txt: /old.txt leaves .gitignore, the reader is noted', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  initRepo(rig.dir);
  expect((await rig.run('stage', 'add', '-n', 'a', '-o', 'old.txt', '-o', 'kept.txt', 'echo > old.txt; echo > kept.txt')).code).toBe(0);
  expect((await rig.run('stage', 'add', '-n', 'b', '-d', 'old.txt', '-o', 'b.txt', 'cat old.txt > b.txt')).code).toBe(0);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/b.txt\n/cache\n/kept.txt\n/old.txt\n');
  const r = await rig.run('stage', 'add', '-f', '-n', 'a', '-o', 'new.txt', '-O', 'kept.txt', 'echo > new.txt; echo > kept.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Replaced stage 'a' (pipeline.yaml:2:3); `pipe repro a` runs it\n",
    'note: .gitignore: added /new.txt (an output pipe keeps in its cache)\n' +
      'note: .gitignore: removed /kept.txt\n' +
      'note: .gitignore: removed /old.txt\n' +
      "note: stage 'b' depends on 'old.txt' (pipeline.yaml:11:9), made by the replaced stage 'a': no stage makes it now; it is read as a plain file or folder from the workspace\n",
  ]);
  // kept.txt is now `cache: false`: git keeps it, so its line goes too
  expect(rig.read('.gitignore')).toBe('/.pipe\n/b.txt\n/cache\n/new.txt\n');
  // a later stage making old.txt again gets its line back
  expect((await rig.run('stage', 'add', '-f', '-n', 'a', '-o', 'old.txt', 'echo > old.txt')).stderr).toBe(
    'note: .gitignore: added /old.txt (an output pipe keeps in its cache)\nnote: .gitignore: removed /new.txt\n',
  );
});

test('a refused -f says the stage was not replaced', async () => {
  const before = 'stages:\n  a:\n    cmd: echo\n    outs: [a.txt]\n  b:\n    cmd: echo\n    outs: [b.txt]\n';
  const rig = makeRig({ 'pipeline.yaml': before });
  const r = await rig.run('stage', 'add', '-f', '-n', 'a', '-o', 'b.txt', 'echo');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: pipeline.yaml:8:12: output 'b.txt' of stage 'b' is also an output of stage 'a'\n      outs: [b.txt]\n             ^\n" +
      "error: stage 'a' was not replaced: pipeline.yaml would not load with it (the lines shown are those of the file it would have written; pipeline.yaml is unchanged)\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe(before);
});
