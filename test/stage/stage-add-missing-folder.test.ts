// `-w` naming a folder that does not exist is refused (the command could not run in it); an
// output in a folder not made yet is written without a .gitignore warning: its line comes when a
// repro makes it.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

test('-w with a missing folder: exit 2, say to create it', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'afile': '' });
  for (const w of ['nonexist', 'afile']) {
    const r = await rig.run('stage', 'add', '-n', 'x', '-w', w, '-o', 'o.txt', 'echo');
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: -w '${w}': no such folder in the project; the command runs in it and its paths are relative to it: create it (\`mkdir -p ${w}\`), then add the stage\n`,
    ]);
  }
  expect(rig.read('pipeline.yaml')).toBe('stages: {}\n');
});

test('an output in a folder not made yet: no warning; repro gives it its line', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  initRepo(rig.dir);
  const r = await rig.run('stage', 'add', '-n', 'a', '-o', 'sub/o.txt', 'mkdir -p sub && echo o > sub/o.txt');
  // cache/ and .pipe/ only: no line for sub/o.txt, and no warning
  expect([r.code, r.stderr]).toEqual([0, "note: .gitignore: added /.pipe (pipe's local state)\nnote: .gitignore: added /cache (pipe's object cache)\n"]);
  expect(rig.exists('sub')).toBe(false);
  const repro = await rig.run('repro');
  expect(repro.code).toBe(0);
  expect(rig.read('sub/.gitignore')).toBe('/o.txt\n');
});
