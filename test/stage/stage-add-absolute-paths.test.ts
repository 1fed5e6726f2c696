// `pipe stage add` writes an absolute path inside the project relative to the stage's wdir (as DVC
// does), so a clone elsewhere reads the same pipeline.yaml; an absolute dep outside the project
// stays as typed (an external dep), and an output there is refused by the loader.
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('absolute paths inside the project become relative to the wdir', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'sub/in.txt': 'i\n', 'z.txt': 'z\n', 'hp.yaml': 'lr: 1\n' });
  const outside = join(dirname(rig.dir), 'shared-data.csv');
  const abs = (p: string) => join(rig.dir, p);
  const r = await rig.run('stage', 'add', '-n', 'a', '-w', 'sub', '-d', abs('sub/in.txt'), '-d', abs('z.txt'), '-d', outside, '-o', abs('sub/o.txt'), '-O', abs('sub/n.txt'), '-m', abs('m.json'), '-M', abs('sub/mm.json'), '--plots', abs('sub/p.csv'), '-p', `${abs('hp.yaml')}:lr`, 'echo');
  expect([r.code, r.stdout]).toEqual([0, "Added stage 'a' (pipeline.yaml:2:3); `pipe repro a` runs it\n"]);
  expect(rig.read('pipeline.yaml')).toBe(
    `stages:\n  a:\n    cmd: echo\n    wdir: sub\n    deps:\n      - in.txt\n      - ../z.txt\n      - ${outside}\n    params:\n      - ../hp.yaml:\n          - lr\n    outs:\n      - o.txt\n      - n.txt:\n          cache: false\n` +
      '    metrics:\n      - ../m.json\n      - mm.json:\n          cache: false\n    plots:\n      - p.csv\n',
  );
});

test('an absolute output outside the project: refused by the loader, nothing written', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const outside = join(dirname(rig.dir), 'elsewhere.txt');
  const r = await rig.run('stage', 'add', '-n', 'x', '-o', outside, 'echo');
  expect([r.code, r.stderr]).toEqual([
    2,
    `error: pipeline.yaml:5:9: path '${outside}' in stage 'x' resolves outside the project root\n        - ${outside}\n          ^\n` +
      "error: stage 'x' was not added: pipeline.yaml would not load with it (the lines shown are those of the file it would have written; pipeline.yaml is unchanged)\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe('stages: {}\n');
});
