// `foreach`/`do` (DVC's): one stage per item, named `<stage>@<key>`, each with its own lock
// entry and cache, so adding, editing or removing one item reruns that item's stage alone.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;

// one "network" per seed from params.yaml; an ensemble stage reading two of them
function project(seeds: string) {
  return makeRig({
    'data.txt': 'faces\n',
    'params.yaml': `seeds: ${seeds}\n`,
    'pipeline.yaml': `stages:
  train:
    foreach: \${seeds}
    do:
      desc: network from seed \${item}
      cmd: ${q(counted('train-${item}', 'echo "seed ${item}" > net-${item}.txt && cat data.txt >> net-${item}.txt'))}
      deps: [data.txt]
      outs: ["net-\${item}.txt"]
  ensemble:
    cmd: ${q(counted('ensemble', 'cat net-1.txt net-2.txt > ensemble.txt'))}
    deps: [net-1.txt, net-2.txt]
    outs: [ensemble.txt]
`,
  });
}

test('each item is a stage of its own, run in item order before the stages reading its outs', async () => {
  const rig = project('[1, 2]');
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').filter((l) => l.endsWith('(never ran)'))).toEqual([
    'train@1: running (never ran)',
    'train@2: running (never ran)',
    'ensemble: running (never ran)',
  ]);
  expect(rig.read('ensemble.txt')).toBe('seed 1\nfaces\nseed 2\nfaces\n');
  expect(rig.read('pipeline.lock')).toMatch(/\n {2}train@1:\n {4}cmd: echo x >> "\$PIPE_ROOT\/\.count-train-1" && echo "seed 1" > net-1\.txt/);
  expect((await rig.run('dag')).stdout).toBe('* train@1\n* train@2\n* ensemble <- train@1, train@2\n');
});

test('a new item runs only its own stage; the others stay cached', async () => {
  const rig = project('[1, 2]');
  await rig.run('repro');
  rig.write({ 'params.yaml': 'seeds: [1, 2, 3]\n' });
  expect((await rig.run('status')).stdout).toBe('train@3: would run (never ran)\n1 would run, 3 up to date.\n');
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect([rig.count('train-1'), rig.count('train-2'), rig.count('train-3'), rig.count('ensemble')]).toEqual([1, 1, 1, 1]);
  expect(rig.read('net-3.txt')).toBe('seed 3\nfaces\n');
});

test('an item taken out and put back is restored from the cache, not run again', async () => {
  const rig = project('[1, 2, 3]');
  await rig.run('repro');
  rig.write({ 'params.yaml': 'seeds: [1, 2]\n' });
  rig.remove('net-3.txt');
  expect((await rig.run('repro')).stdout).toBe('train@1: up to date\ntrain@2: up to date\nensemble: up to date\nEverything is up to date.\n');
  rig.write({ 'params.yaml': 'seeds: [1, 2, 3]\n' });
  const back = await rig.run('repro');
  expect(back.stdout).toBe('train@1: up to date\ntrain@2: up to date\ntrain@3: restored from cache\nensemble: up to date\n1 restored from cache, 3 up to date.\n');
  expect(rig.count('train-3')).toBe(1);
  expect(rig.read('net-3.txt')).toBe('seed 3\nfaces\n');
});

test('a changed dep reruns every item; the stage name as a target stands for all its items', async () => {
  const rig = project('[1, 2]');
  await rig.run('repro');
  rig.write({ 'data.txt': 'more faces\n' });
  const r = await rig.run('repro', 'train');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^train@1: running \(dep 'data\.txt' changed\)\ntrain@1: ran \(\d+\.\ds\)\ntrain@2: running \(dep 'data\.txt' changed\)\ntrain@2: ran \(\d+\.\ds\)\n2 ran\.\n$/);
  expect(rig.count('ensemble')).toBe(1);
  const one = await rig.run('status', 'train@2');
  expect(one.stdout).toBe('Everything is up to date.\n');
  rig.write({ 'data.txt': 'yet more faces\n' });
  // `-s` with the name of a copy: that item alone
  const single = await rig.run('repro', '-s', 'train@2');
  expect(single.stdout).toMatch(/^train@2: running \(dep 'data\.txt' changed\)\ntrain@2: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect([rig.count('train-1'), rig.count('train-2')]).toEqual([2, 3]);
});

test('items of a mapping are named by their keys, with ${key} and ${item.field}', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  fit:
    foreach:
      small: {width: 8}
      big: {width: 32}
    do:
      cmd: ${q(counted('fit-${key}', 'echo ${key} ${item.width} > fit-${key}.txt'))}
      outs: ["fit-\${key}.txt"]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.read('fit-small.txt'), rig.read('fit-big.txt')]).toEqual(['small 8\n', 'big 32\n']);
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace('width: 32', 'width: 64') });
  const r = await rig.run('repro');
  expect(r.stdout).toMatch(/^fit@small: up to date\nfit@big: running \(cmd changed\)\n/);
  expect([rig.count('fit-small'), rig.count('fit-big')]).toEqual([1, 2]);
});

test('a list of mappings names its stages by position; params may use the item', async () => {
  const rig = makeRig({
    'params.yaml': 'lr:\n  a: 0.1\n  b: 0.2\n',
    'pipeline.yaml': `stages:
  sweep:
    foreach:
      - {name: a}
      - {name: b}
    do:
      cmd: echo \${item.name} > sweep-\${key}.txt
      params: ["lr.\${item.name}"]
      outs: ["sweep-\${key}.txt"]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.read('sweep-0.txt'), rig.read('sweep-1.txt')]).toEqual(['a\n', 'b\n']);
  rig.write({ 'params.yaml': 'lr:\n  a: 0.1\n  b: 0.3\n' });
  expect((await rig.run('status')).stdout).toBe("sweep@1: would run (param 'lr.b' changed)\n1 would run, 1 up to date.\n");
});

test('an unknown target lists a foreach stage by its items', async () => {
  const rig = project('[1, 2]');
  const r = await rig.run('repro', 'trian');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: no stage named 'trian' in pipeline.yaml (stages: train@{1,2}, ensemble); did you mean 'train'?\n");
});
