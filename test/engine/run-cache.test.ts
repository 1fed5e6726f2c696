// Behaviour 5: the run-cache restores results of inputs seen before, even without pipeline.lock.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  up:
    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}
    deps: [in.txt]
    outs: [out.txt]
`;

test('with pipeline.lock and the outs deleted, repro restores from the run-cache', async () => {
  const rig = makeRig({ 'in.txt': 'abc\n', 'pipeline.yaml': pipeline });
  await rig.run('repro');
  const lock = rig.read('pipeline.lock');
  rig.remove('pipeline.lock');
  rig.remove('out.txt');
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('up: restored from run-cache\n1 restored from cache.\n');
  expect(rig.count('up')).toBe(1);
  expect(rig.read('out.txt')).toBe('ABC\n');
  expect(rig.read('pipeline.lock')).toBe(lock);
});

test('dep X -> Y -> X restores the X result without running', async () => {
  const rig = makeRig({ 'in.txt': 'abc\n', 'pipeline.yaml': pipeline });
  await rig.run('repro');
  const lockX = rig.read('pipeline.lock');
  rig.write({ 'in.txt': 'xyz!\n' });
  await rig.run('repro');
  expect(rig.read('out.txt')).toBe('XYZ!\n');
  rig.write({ 'in.txt': 'abc\n' });
  const r = await rig.run('repro');
  expect(r.stdout).toBe('up: restored from run-cache\n1 restored from cache.\n');
  expect(rig.count('up')).toBe(2);
  expect(rig.read('out.txt')).toBe('ABC\n');
  expect(rig.read('pipeline.lock')).toBe(lockX);
});

test('cache: false outs (metrics committed to git) come back from the run-cache too', async () => {
  const rig = makeRig({
    'lr.txt': '0.1\n',
    'pipeline.yaml': `stages:
  train:
    cmd: ${JSON.stringify(counted('train', 'echo "{\\"lr\\": $(cat lr.txt)}" > metrics.json && cp lr.txt model.bin'))}
    deps: [lr.txt]
    outs: [model.bin]
    metrics:
      - metrics.json: {cache: false}
`,
  });
  await rig.run('repro');
  rig.write({ 'lr.txt': '0.01\n' });
  await rig.run('repro');
  expect(rig.read('metrics.json')).toBe('{"lr": 0.01}\n');
  rig.write({ 'lr.txt': '0.1\n' });
  const r = await rig.run('repro');
  expect(r.stdout).toBe('train: restored from run-cache\n1 restored from cache.\n');
  expect(rig.count('train')).toBe(2);
  expect(rig.read('metrics.json')).toBe('{"lr": 0.1}\n');
  expect(rig.read('model.bin')).toBe('0.1\n');
});
