// A stage with neither deps (params included) nor outputs runs on every repro, as in DVC: nothing
// could tell it changed or is done. status says so. One output, one dep or one param is enough
// for the usual rules.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a stage with no deps nor outs runs every time; status says why', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  notify:
    cmd: ${JSON.stringify(counted('notify', 'true'))}
  made:
    cmd: ${JSON.stringify(counted('made', 'echo m > m.txt'))}
    outs: [m.txt]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, 'notify: would run (no deps nor outputs: it always runs)\n1 would run, 1 up to date.\n']);
  const again = await rig.run('repro');
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/^made: up to date\nnotify: running \(no deps nor outputs: it always runs\)\nnotify: ran \(\d+\.\ds\)\n1 ran, 1 up to date\.\n$|^notify: running \(no deps nor outputs: it always runs\)\nnotify: ran \(\d+\.\ds\)\nmade: up to date\n1 ran, 1 up to date\.\n$/);
  expect([rig.count('notify'), rig.count('made')]).toEqual([2, 1]);
});

test('a param alone is enough: the stage runs when it changes', async () => {
  const rig = makeRig({
    'params.yaml': 'x: 1\n',
    'pipeline.yaml': `stages:
  p:
    cmd: ${JSON.stringify(counted('p', 'true'))}
    params: [x]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('p')).toBe(1);
});
