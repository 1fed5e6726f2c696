// `matrix` (DVC's): a stage run for every combination of a few named lists, each combination a
// stage of its own named by its values, so a new value runs only the combinations it adds.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;

function grid(seeds: string) {
  return makeRig({
    'params.yaml': `seeds: ${seeds}\n`,
    'pipeline.yaml': `stages:
  sweep:
    matrix:
      lr: [0.1, 0.01]
      seed: \${seeds}
    cmd: ${q(counted('sweep-${key}', 'echo lr ${item.lr} seed ${item.seed} > "run-${key}.txt"'))}
    outs: ["run-\${key}.txt"]
    metrics: ["m-\${key}.json"]
`,
  });
}

test('one stage per combination, the first list varying slowest, named by the values', async () => {
  const rig = grid('[1, 2]');
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace(/\n {4}metrics: .*\n/, '\n') });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect((await rig.run('dag')).stdout).toBe('* sweep@0.1-1\n* sweep@0.1-2\n* sweep@0.01-1\n* sweep@0.01-2\n');
  expect(rig.read('run-0.01-2.txt')).toBe('lr 0.01 seed 2\n');
});

test('a new value runs only the combinations it adds; the group name selects them all', async () => {
  const rig = grid('[1]');
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace(/\n {4}metrics: .*\n/, '\n') });
  await rig.run('repro');
  rig.write({ 'params.yaml': 'seeds: [1, 2]\n' });
  expect((await rig.run('status', 'sweep')).stdout).toBe('sweep@0.1-2: would run (never ran)\nsweep@0.01-2: would run (never ran)\n2 would run, 2 up to date.\n');
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('sweep-0.1-1'), rig.count('sweep-0.1-2'), rig.count('sweep-0.01-1'), rig.count('sweep-0.01-2')]).toEqual([1, 1, 1, 1]);
});

test('pipe metrics show finds each combination\'s metrics file', async () => {
  const rig = grid('[1]');
  rig.write({ 'm-0.1-1.json': '{"acc": 0.5}', 'm-0.01-1.json': '{"acc": 0.25}' });
  const r = await rig.run('metrics', 'show', '--json');
  expect(JSON.parse(r.stdout)).toEqual({ 'm-0.1-1.json': { acc: 0.5 }, 'm-0.01-1.json': { acc: 0.25 } });
});

test('mistakes in a matrix are located and run nothing', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    matrix:\n      lr: [x y, 1, 1]\n      s: []\n    cmd: echo\n  b:\n    matrix:\n      x: [a-b, a]\n      y: [c, b-c]\n    cmd: echo\n  c:\n    matrix:\n      x: [1]\n    cmd: echo ${item.y}\n  d:\n    matrix: {}\n    cmd: echo\n',
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    "error: pipeline.yaml:17:13: key 'matrix' of stage 'd' must name at least one list\n      matrix: {}\n              ^\n",
  );
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace(/\n {2}d:\n.*\n.*\n$/, '\n') });
  const located = await rig.run('repro');
  expect(located.code).toBe(2);
  expect(located.stderr).toBe(
    `error: pipeline.yaml:4:12: value "x y" of matrix entry 'lr' of stage 'a' cannot name a stage: use ASCII letters (a-z, A-Z), digits, '_', '-' and '.' (items that are mappings or lists are named by position instead)\n        lr: [x y, 1, 1]\n             ^\n` +
      `error: pipeline.yaml:4:20: value "1" appears twice in matrix entry 'lr' of stage 'a'\n        lr: [x y, 1, 1]\n                     ^\n` +
      "error: pipeline.yaml:5:10: matrix entry 's' of stage 'a' is empty: list at least one item\n        s: []\n           ^\n" +
      `error: pipeline.yaml:8:5: combinations {"x":"a-b","y":"c"} and {"x":"a","y":"b-c"} of the matrix of stage 'b' would both be stage 'b@a-b-c': change a value that holds '-'\n      matrix:\n      ^\n` +
      `error: pipeline.yaml:15:15: \${item.y} in stage 'c@1': its item {"x":1} has no 'y'\n      cmd: echo \${item.y}\n                ^\n`,
  );
});
