// `pipe remove --outs --force` on a folder output with a file added and one edited by hand: the
// files the cache does not hold are kept in .pipe/kept/ (linked there), a warning says where, and
// the folder goes; the files the cache holds are not copied.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a folder output edited by hand: its unheld files kept, the folder removed', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  gen:\n    cmd: mkdir -p out && echo a > out/a && echo b > out/b\n    outs: [out]\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.write({ 'out/b': 'edited\n', 'out/extra': 'mine\n' });
  const r = await rig.run('remove', '--outs', '-f', 'gen');
  const [folder] = readdirSync(join(rig.dir, '.pipe/kept'));
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Removed stage 'gen' from pipeline.yaml and pipeline.lock; deleted its outputs out\n",
    `warning: 'out' held 2 files the cache does not hold (out/b, out/extra): copied to .pipe/kept/${folder}/out before \`pipe remove --outs --force\` deleted them; copy back what you need (\`cp .pipe/kept/${folder}/out/b out/b\`), then delete .pipe/kept/${folder}\n`,
  ]);
  expect(readdirSync(join(rig.dir, '.pipe/kept', folder ?? '', 'out')).sort()).toEqual(['b', 'extra']);
  expect([rig.read(`.pipe/kept/${folder}/out/b`), rig.read(`.pipe/kept/${folder}/out/extra`)]).toEqual(['edited\n', 'mine\n']);
  expect(rig.exists('out')).toBe(false);
});
