// `pipe repro` refuses what `pipe status` refuses in the data `pipe add` tracks: a stage writing
// into it (it ran and changed the tracked folder before), a .pipe file that does not parse.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a stage output inside added data, then a broken .pipe file: exit 2, nothing runs', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'raw/a.txt': 'a\n' });
  expect((await rig.run('add', 'raw')).code).toBe(0);
  rig.write({ 'pipeline.yaml': `stages:\n  w:\n    cmd: ${JSON.stringify(counted('w', 'echo x > raw/new.txt'))}\n    outs: [raw/new.txt]\n` });
  const into = await rig.run('repro');
  expect([into.code, into.stdout, into.stderr.split('\n')[0]]).toEqual([2, '', "error: raw.pipe:1:1: raw.pipe tracks 'raw', which holds output 'raw/new.txt' of stage 'w' (pipeline.yaml:4:12); a path is either added data or a stage's output: delete raw.pipe, or take the output out of pipeline.yaml (`pipe remove w` removes the stage)"]);
  expect([rig.count('w'), rig.exists('raw/new.txt')]).toEqual([0, false]);

  rig.write({ 'pipeline.yaml': `stages:\n  w:\n    cmd: ${JSON.stringify(counted('w', 'echo x > y.txt'))}\n    outs: [y.txt]\n`, 'bad.pipe': 'outs: [\n' });
  const broken = await rig.run('repro');
  expect([broken.code, broken.stderr.split('\n')[0]]).toEqual([2, 'error: bad.pipe:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (fix bad.pipe, or delete it and run `pipe add` on its data again)']);
  expect(rig.count('w')).toBe(0);
  rig.remove('bad.pipe');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('w')).toBe(1);
});
