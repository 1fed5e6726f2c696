// The `/<name>` lines pipe writes into a folder's .gitignore are kept sorted, so the file is the
// same whatever order its outputs were made or restored in (a foreach item added later, -j): a
// stage that depends on the folder, which holds that .gitignore, is not rerun after an `rm -rf`
// of the folder and a restore from the cache.
import { expect, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  w:
    foreach: \${seeds}
    do:
      cmd: mkdir -p out && echo \${item} > out/\${item}.txt
      outs: ["out/\${item}.txt"]
  agg:
    cmd: ${JSON.stringify(counted('agg', 'cat out/*.txt > all.txt'))}
    deps: [out]
    outs: [all.txt]
`;

test('an item added before the others sorts first; rm -rf of the folder and repro restores without rerunning its reader', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2]\n', '.gitignore': '.count-*\n' });
  initRepo(rig.dir);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.write({ 'params.yaml': 'seeds: [0, 1, 2]\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect(rig.read('out/.gitignore')).toBe('/0.txt\n/1.txt\n/2.txt\n');
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'base');

  rig.remove('out');
  const r = await rig.run('repro', '--no-record', '-j', '4');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^agg: up to date$/m);
  expect(rig.read('out/.gitignore')).toBe('/0.txt\n/1.txt\n/2.txt\n');
  expect(rig.count('agg')).toBe(2);
  expect(git(rig.dir, 'status', '--porcelain')).toBe('');
});
