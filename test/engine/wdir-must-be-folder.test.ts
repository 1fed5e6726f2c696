// A stage's wdir must be an existing folder, as `pipe stage add -w` demands: one naming a file, or
// one that does not exist (a typo the run would otherwise create and run in), is a configuration
// error at the wdir's line (exit 2) for every command, before anything runs. A wdir inside a
// declared output is left to the stage making it.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = (wdir: string) => `stages:\n  a:\n    wdir: ${wdir}\n    cmd: ${counted('a', 'echo hi > x')}\n    outs: [x]\n`;

test('a wdir naming a file: exit 2 at its line, nothing run', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('afile'), afile: 'f\n' });
  const expected = "error: pipeline.yaml:3:11: wdir 'afile' of stage 'a' is a file, not a folder: the command runs in it and its paths are relative to it; name the folder to run it in\n      wdir: afile\n            ^\n";
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([2, '', expected]);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stderr]).toEqual([2, expected]);
  expect(rig.count('a')).toBe(0);
});

test('a wdir that does not exist: exit 2, not created', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('nosuch') });
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:3:11: wdir 'nosuch' of stage 'a' does not exist: the command runs in it and its paths are relative to it; create it (`mkdir -p nosuch`), or correct the name\n      wdir: nosuch\n            ^\n",
  ]);
  expect(rig.exists('nosuch')).toBe(false);
  expect(rig.count('a')).toBe(0);
  rig.write({ 'nosuch/keep': '' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('nosuch/x')).toBe('hi\n');
});

test('a wdir inside an output another stage makes is fine before that stage ran', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  make:\n    cmd: mkdir -p build/sub\n    outs: [build]\n  use:\n    wdir: build/sub\n    cmd: ${counted('use', 'echo hi > ../../y')}\n    deps: [../../build]\n    outs: [../../y]\n`,
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(rig.count('use')).toBe(1);
  expect(rig.read('y')).toBe('hi\n');
});
