// After a switch to a branch with fewer foreach items, the output another branch's item made
// (out/3.txt) would feed this branch's stage that reads the folder. pipe knows the path as one of
// its outputs (.pipe/gitignored.json), and no stage of pipeline.yaml or pipeline.lock names it:
// `pipe checkout` removes it when the cache holds it (the other branch's checkout brings it back),
// and moves it to .pipe/kept/ when it does not; `pipe status` says so beforehand and `pipe repro`
// does the same before deciding anything, so the reader is up to date.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { counted, makeRig, type Rig } from '../rig.js';

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

async function twoBranches(): Promise<Rig> {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2]\n', '.gitignore': '.count-*\n' });
  initRepo(rig.dir);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'base');
  git(rig.dir, 'checkout', '-qb', 'more');
  rig.write({ 'params.yaml': 'seeds: [1, 2, 3]\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'more');
  git(rig.dir, 'checkout', '-q', '-');
  return rig;
}

const NOTE = "out/3.txt, an output pipe made that no stage of pipeline.yaml or pipeline.lock names (another branch's?), lies in 'out', a dep of stage 'agg'";

test('checkout after a branch switch removes the other branch item output the cache holds; status foresaw it; the reader stays up to date', async () => {
  const rig = await twoBranches();
  const s = await rig.run('status');
  expect([s.code, s.stdout, s.stderr]).toEqual([0, 'agg: would be restored from cache (out \'all.txt\' out of date with pipeline.lock)\n1 would be restored, 2 up to date.\n', `note: ${NOTE}: would be removed; the cache keeps it\n`]);
  const c = await rig.run('checkout');
  expect([c.code, c.stderr]).toEqual([0, `note: ${NOTE}: removed; the cache keeps it\n`]);
  expect(rig.exists('out/3.txt')).toBe(false);
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'w@1: up to date\nw@2: up to date\nagg: up to date\nEverything is up to date.\n', '']);
  expect(rig.read('all.txt')).toBe('1\n2\n');
  expect(rig.count('agg')).toBe(2);
  expect(git(rig.dir, 'status', '--porcelain')).toBe('');
});

test('repro alone does it too; an edited one the cache does not hold goes to .pipe/kept/', async () => {
  const rig = await twoBranches();
  rig.write({ 'out/3.txt': 'edited\n' });
  const r = await rig.run('repro', '--no-record');
  const [folder] = readdirSync(join(rig.dir, '.pipe/kept'));
  expect([r.code, r.stderr]).toEqual([
    0,
    `warning: 'out/3.txt' held 1 file the cache does not hold (out/3.txt): moved to .pipe/kept/${folder}/out/3.txt before removing it from 'out' (no stage makes it); copy back what you need (\`cp .pipe/kept/${folder}/out/3.txt out/3.txt\`), then delete .pipe/kept/${folder}\n` +
      `note: ${NOTE}: moved to .pipe/kept/, since the cache does not hold it\n`,
  ]);
  expect(rig.read(`.pipe/kept/${folder}/out/3.txt`)).toBe('edited\n');
  expect(rig.exists('out/3.txt')).toBe(false);
  expect(rig.read('all.txt')).toBe('1\n2\n');
  expect(rig.count('agg')).toBe(2);
});
