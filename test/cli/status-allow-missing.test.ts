// `pipe status --allow-missing` (repro's flag): in a checkout without the data, a stage whose only
// change is data missing with no copy in the cache counts as up to date and says what is missing,
// so `status --allow-missing -q` is a CI check that pipeline.lock is reproduced: exit 1 exactly
// when something would run for another reason. Plain `status -q` keeps its answer (1: data missing).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: mkdir -p res && cat data.csv > res/a.txt
    deps: [data.csv]
    params: [lr]
    outs: [res]
  use:
    cmd: cat res/a.txt > out.txt
    deps: [res]
    outs: [out.txt]
`;

/** A project run once, then its cache, outputs and tracked data deleted: a CI clone without `pipe pull`. */
async function withoutData() {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 0.1\n', 'data.csv': 'v1\n' });
  expect((await rig.run('add', 'data.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  for (const p of ['cache', 'res', 'out.txt', 'data.csv']) rig.remove(p);
  return rig;
}

test('missing data alone: up to date, saying what is missing, as repro --dry --allow-missing; -q exits 0, plain -q still 1', async () => {
  const rig = await withoutData();
  const lines = "gen: up to date ('data.csv', 'res' missing; nothing else changed (--allow-missing))\nuse: up to date ('res', 'out.txt' missing; nothing else changed (--allow-missing))\nEverything is up to date.\n";
  const r = await rig.run('status', '--allow-missing');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, lines, '']);
  expect((await rig.run('repro', '--dry', '--allow-missing')).stdout).toBe(lines);
  const quiet = await rig.run('status', '--allow-missing', '-q');
  expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
  expect((await rig.run('status', '-q')).code).toBe(1);
});

test('a param changed since pipeline.lock: the stage would run, -q exits 1', async () => {
  const rig = await withoutData();
  rig.write({ 'params.yaml': 'lr: 0.2\n' });
  const r = await rig.run('status', '--allow-missing');
  expect([r.code, r.stdout]).toEqual([0, "gen: would run (param 'lr' changed)\nuse: would run (upstream stage 'gen' will run)\n2 would run.\n"]);
  const quiet = await rig.run('status', '--allow-missing', '-q');
  expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([1, '', '']);
});

test('data missing that the cache holds is no missing copy: checkout restores it, -q exits 1', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 0.1\n', 'data.csv': 'v1\n' });
  expect((await rig.run('add', 'data.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('data.csv');
  const r = await rig.run('status', '--allow-missing');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("data.csv: missing (tracked by data.csv.pipe): `pipe checkout data.csv` restores it (`pipe pull` first where the cache lacks it)\ngen: up to date ('data.csv' missing; nothing else changed (--allow-missing))\n1 tracked path changed, 2 up to date.\n");
  expect((await rig.run('status', '--allow-missing', '-q')).code).toBe(1);
});

test('with -c it is refused (exit 2): -c compares the cache with the remote', async () => {
  const rig = await withoutData();
  const r = await rig.run('status', '-c', '--allow-missing');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: --allow-missing is about the workspace and -c about the remote: use one of them\n']);
});
