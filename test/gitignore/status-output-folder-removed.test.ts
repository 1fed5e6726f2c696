// `rm -rf out` of a folder holding a stage's output (`out/data`, whose line pipe keeps in
// out/.gitignore) takes the .gitignore with it. The repro restores out/data and writes the line
// back before the stage reading `out` hashes it, so that stage is up to date; status and --dry
// foresee the same, rather than a change of 'out' that no repro would find. A .gitignore the user
// changed is a change all the same.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

const PIPELINE = `stages:
  a:
    cmd: mkdir -p out/data && echo 1 > out/data/x.txt
    outs: [out/data]
  b:
    cmd: cat out/data/x.txt > copy.txt
    deps: [out]
    outs: [copy.txt]
`;

test('an output folder removed with the .gitignore beside it: status says it is restored, and its reader up to date, as the repro finds', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  initRepo(rig.dir);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('out/.gitignore')).toBe('/data\n');

  rmSync(join(rig.dir, 'out'), { recursive: true });
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, "a: would be restored from cache (out 'out/data' missing)\n1 would be restored, 1 up to date.\n", '']);
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stdout]).toEqual([0, "a: would be restored from cache (out 'out/data' missing)\nb: up to date\n1 would be restored, 1 up to date.\n"]);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([0, 'a: restored from cache\nb: up to date\n1 restored from cache, 1 up to date.\n', 'note: out/.gitignore: added /data (an output pipe keeps in its cache)\n']);

  // the .gitignore alone: the repro writes it back, with nothing to run
  rmSync(join(rig.dir, 'out/.gitignore'));
  const alone = await rig.run('status');
  expect([alone.code, alone.stdout, alone.stderr]).toEqual([0, 'Everything is up to date.\n', '']);

  // a line of the user's own stays, and is a change to the folder b reads
  rig.write({ 'out/.gitignore': '/data\n/scratch\n' });
  const edited = await rig.run('status');
  expect([edited.code, edited.stdout]).toEqual([0, "b: would run (dep 'out' changed)\n1 would run, 1 up to date.\n"]);
});
