// `pipe repro --allow-missing` (DVC's): in a checkout without the data (outputs and tracked data
// missing, not in the cache), stages whose only change is that are left as up to date, saying
// what is missing; a real change still runs, and without the flag nothing changes.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const pipeline = `stages:
  gen:
    cmd: ${q(counted('gen', 'mkdir -p res && cat data.csv > res/a.txt'))}
    deps: [data.csv]
    outs: [res]
  use:
    cmd: ${q(counted('use', 'cat res/a.txt > out.txt'))}
    deps: [res]
    outs: [out.txt]
`;

/** A project run once, then its cache, outputs and tracked data deleted: a clone before `pipe pull`. */
async function withoutData() {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data.csv': 'v1\n' });
  expect((await rig.run('add', 'data.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  for (const p of ['cache', 'res', 'out.txt', 'data.csv']) rig.remove(p);
  return rig;
}

test('missing data alone: up to date with what is missing, nothing runs, exit 0; --dry says the same', async () => {
  const rig = await withoutData();
  const lines = "gen: up to date ('data.csv', 'res' missing; nothing else changed (--allow-missing))\nuse: up to date ('res', 'out.txt' missing; nothing else changed (--allow-missing))\nEverything is up to date.\n";
  const dry = await rig.run('repro', '--allow-missing', '--dry');
  expect([dry.code, dry.stdout]).toEqual([0, lines]);
  const r = await rig.run('repro', '--allow-missing');
  expect([r.code, r.stdout]).toEqual([0, lines]);
  expect([rig.count('gen'), rig.count('use')]).toEqual([1, 1]);
  expect(rig.exists('res')).toBe(false);
});

test('without it the missing tracked data stops the repro (exit 2), as before', async () => {
  const rig = await withoutData();
  const r = await rig.run('repro');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("stage 'gen' cannot run: dep 'data.csv' is tracked data missing from the workspace");
  expect([rig.count('gen'), rig.count('use')]).toEqual([1, 1]);
});

test('a real change still runs: the changed dep (stored first, as repro stores edited tracked data), then the stage after it', async () => {
  const rig = await withoutData();
  rig.write({ 'data.csv': 'v2\n' });
  const r = await rig.run('repro', '--allow-missing');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^data\.csv changed: stored in the cache and data\.csv\.pipe updated \(commit it\)\ngen: running \(dep 'data\.csv' changed\)\ngen: ran \(\d+\.\ds\)\nuse: running \(dep 'res' changed\)\nuse: ran \(\d+\.\ds\)\n2 ran\.\n$/);
  expect([rig.count('gen'), rig.count('use')]).toEqual([2, 2]);
});

test('an output edited by hand is no missing data: the stage runs', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data.csv': 'v1\n' });
  await rig.run('repro');
  rig.remove('cache');
  rig.write({ 'out.txt': 'edited\n' });
  const r = await rig.run('repro', '--allow-missing');
  expect(r.code).toBe(0);
  expect([rig.count('gen'), rig.count('use')]).toEqual([1, 2]);
});
