// `pipe repro -s STAGE` leaves out the stages STAGE depends on: its summary does not claim that
// everything is up to date, and a note names those left out that are out of date.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const pipeline = `stages:
  prep:
    cmd: ${q(counted('prep', 'echo ${prep.name} > prep.txt'))}
    params: [prep.name]
    outs: [prep.txt]
  agg:
    cmd: ${q(counted('agg', 'cat prep.txt > agg.txt'))}
    deps: [prep.txt]
    outs: [agg.txt]
`;

test('-s with a stale upstream stage: "1 up to date." and a note naming it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'prep:\n  name: foo\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const fresh = await rig.run('repro', '-s', 'agg');
  expect([fresh.code, fresh.stdout, fresh.stderr]).toEqual([0, 'agg: up to date\n1 up to date.\n', '']);

  rig.write({ 'params.yaml': 'prep:\n  name: bar\n' });
  for (const args of [['repro', '-s', 'agg'], ['repro', '-s', '--dry', 'agg']]) {
    const r = await rig.run(...args);
    expect([args.join(' '), r.code, r.stdout, r.stderr]).toEqual([
      args.join(' '),
      0,
      'agg: up to date\n1 up to date.\n',
      'note: -s left out stages these depend on that are out of date: prep (`pipe repro agg` runs them first)\n',
    ]);
  }
  expect([rig.count('prep'), rig.count('agg')]).toEqual([1, 1]);
  // the whole pipeline still says so in one line
  expect((await rig.run('repro')).stdout).toMatch(/\n2 ran\.\n$/);
  expect((await rig.run('repro')).stdout).toBe('prep: up to date\nagg: up to date\nEverything is up to date.\n');
});
