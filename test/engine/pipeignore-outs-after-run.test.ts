// A .pipeignore line added after a run, hiding files inside an output folder: the folder now
// hashes without them, but it is what the cache holds as the rules show it, so it counts as up to
// date (no restore on every run, the ignored files stay); a stage that reads the folder sees its
// dep change, as for any dep whose visible files change.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'mkdir -p out && echo a > out/a.txt && echo log > out/run.log'))}
    outs: [out]
  use:
    cmd: ${JSON.stringify(counted('use', 'ls out > listing.txt'))}
    deps: [out]
    outs: [listing.txt]
`;

test('an output recorded before a pattern hid some of its files is up to date', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ '.pipeignore': '*.log\n' });

  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, "use: would run (dep 'out' changed)\n1 would run, 1 up to date.\n", '']);
  const checkout = await rig.run('checkout', 'gen');
  expect([checkout.code, checkout.stdout]).toEqual([0, 'gen: out: up to date\n0 outputs restored.\n']);
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^gen: up to date\nuse: running \(dep 'out' changed\)\nuse: ran \(\d+\.\ds\)\n/);
  expect([rig.count('gen'), rig.count('use')]).toEqual([1, 2]);
  expect(rig.read('out/run.log')).toBe('log\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

  // a visible file deleted: restored, the ignored one left as it is
  rig.remove('out/a.txt');
  rig.write({ 'out/run.log': 'mine now\n' });
  const again = await rig.run('repro');
  expect([again.code, again.stdout]).toEqual([0, 'gen: restored from cache\nuse: up to date\n1 restored from cache, 1 up to date.\n']);
  expect(rig.read('out/a.txt')).toBe('a\n');
  expect(rig.read('out/run.log')).toBe('mine now\n');

  // the folder gone: restored as the rules show it, without the ignored file the cache holds
  rig.remove('out');
  const back = await rig.run('checkout', 'gen');
  expect([back.code, back.stdout]).toEqual([0, 'gen: out: restored from cache\n1 output restored.\n']);
  expect(rig.read('out/a.txt')).toBe('a\n');
  expect(rig.exists('out/run.log')).toBe(false);
});
