// Params that are YAML's non-finite floats (`.inf`, `-.inf`, `.nan`): status and repro take them
// like any number, pipeline.lock records them as YAML writes them and reads them back, and a
// change from one to another (or to a plain number) reruns the stage, while an unchanged `.nan`
// does not (though NaN !== NaN).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:\n  prep:\n    cmd: ${JSON.stringify(counted('prep', 'echo ok > out.txt'))}\n    params: [prep.noise, prep.n]\n    outs: [out.txt]\n`;

test('.inf, -.inf and .nan params run, are locked, and rerun the stage only when they change', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'prep:\n  noise: .inf   # no cap\n  n: 20\n' });
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'prep: would run (never ran)\n1 would run.\n', '']);
  const first = await rig.run('repro');
  expect([first.code, first.stderr]).toEqual([0, '']);
  expect(rig.read('pipeline.lock')).toContain('    params:\n      params.yaml:\n        prep.n: 20\n        prep.noise: .inf\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

  // back to .inf: the run-cache has that result under the same key, so it is restored, not rerun
  const changed = "prep: would run (param 'prep.noise' changed)\n1 would run.\n";
  const steps: [string, string, number, string][] = [
    ['-.inf', '-.inf', 1, changed],
    ['1', '1', 1, changed],
    ['.nan', '.nan', 1, changed],
    // another spelling of the same value: nothing changed
    ['.NaN', '.nan', 0, 'Everything is up to date.\n'],
    ['.inf', '.inf', 0, "prep: would be restored from run-cache (param 'prep.noise' changed)\n1 would be restored.\n"],
  ];
  let runs = 1;
  for (const [written, locked, ran, status] of steps) {
    rig.write({ 'params.yaml': `prep:\n  noise: ${written}   # no cap\n  n: 20\n` });
    expect((await rig.run('status')).stdout).toBe(status);
    const r = await rig.run('repro');
    expect([r.code, r.stderr]).toEqual([0, '']);
    runs += ran;
    expect(rig.count('prep')).toBe(runs);
    expect(rig.read('pipeline.lock')).toContain(`        prep.noise: ${locked}\n`);
    // read back from the lock: the same value, so nothing to do (a .nan too)
    expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
    expect((await rig.run('repro')).code).toBe(0);
    expect(rig.count('prep')).toBe(runs);
  }
});

test('in a cmd, .inf, -.inf and .nan are written as DVC writes them: inf, -inf, nan', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${noise} ${bounds} > out.txt\n    params: [noise, bounds]\n    outs: [out.txt]\n',
    'params.yaml': 'noise: .nan\nbounds: [-.inf, .inf]\n',
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('out.txt')).toBe('nan -inf inf\n');
  expect(rig.read('pipeline.lock')).toContain('    cmd: echo nan -inf inf > out.txt\n');
});
