// Behaviour 2: a stage reruns when, and only when, its cmd, a dep's content, a listed param, or an
// unrestorable out changed, or it is always_changed; frozen stages never rerun.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;

function project(extra = '', cmdSuffix = '') {
  return makeRig({
    'data/in.txt': 'one\n',
    'params.yaml': 'train:\n  lr: 0.1\n  epochs: 2\nunused: 5\n',
    'pipeline.yaml': `stages:
  train:
    cmd: ${q(counted('train', `cat data/in.txt > model.txt${cmdSuffix}`))}
    deps: [data]
    params: [train.lr]
    outs: [model.txt]
${extra}`,
  });
}

test('an mtime-only change to a dep and an unlisted param change do not rerun', async () => {
  const rig = project();
  expect((await rig.run('repro')).code).toBe(0);
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(rig.dir, 'data/in.txt'), later, later);
  rig.write({ 'params.yaml': 'train:\n  lr: 0.1\n  epochs: 3\nunused: 6\n' });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('train: up to date\nEverything is up to date.\n');
  expect(rig.count('train')).toBe(1);
});

test('a changed dep content reruns and says which dep', async () => {
  const rig = project();
  await rig.run('repro');
  rig.write({ 'data/in.txt': 'two, longer\n' });
  expect((await rig.run('status')).stdout).toBe("train: would run (dep 'data' changed)\n1 would run.\n");
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^train: running \(dep 'data' changed\)\ntrain: ran/);
  expect(rig.count('train')).toBe(2);
  expect(rig.read('model.txt')).toBe('two, longer\n');
});

test('a changed listed param reruns and names the key', async () => {
  const rig = project();
  await rig.run('repro');
  rig.write({ 'params.yaml': 'train:\n  lr: 0.2\n  epochs: 2\nunused: 5\n' });
  const r = await rig.run('repro');
  expect(r.stdout).toMatch(/^train: running \(param 'train\.lr' changed\)\n/);
  expect(rig.count('train')).toBe(2);
});

test('a changed cmd reruns', async () => {
  const rig = project();
  await rig.run('repro');
  const edited = project('', ' && true');
  rig.write({ 'pipeline.yaml': edited.read('pipeline.yaml') });
  const r = await rig.run('repro');
  expect(r.stdout).toMatch(/^train: running \(cmd changed\)\n/);
  expect(rig.count('train')).toBe(2);
});

test('always_changed reruns every time; frozen never does', async () => {
  const rig = project(`  stamp:
    cmd: ${q(counted('stamp', 'date +%N > stamp.txt'))}
    always_changed: true
    outs: [stamp.txt]
  fixed:
    cmd: ${q(counted('fixed', 'echo fixed > fixed.txt'))}
    frozen: true
    outs: [fixed.txt]
`);
  await rig.run('repro', '-k');
  const r = await rig.run('repro', '-k');
  // the frozen stage's output is missing: repro fails it (as DVC does), -k runs the rest
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/stamp: running \(always_changed\)\n/);
  expect(r.stderr).toMatch(/fixed: failed: frozen, never ran: its output 'fixed\.txt' is missing, and a frozen stage never runs/);
  expect([rig.count('stamp'), rig.count('fixed'), rig.count('train')]).toEqual([2, 0, 1]);
});

test('an out that is missing and not in the cache reruns the stage', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  gen:
    cmd: ${q(counted('gen', 'echo g > g.txt && echo m > m.json'))}
    outs: [g.txt]
    metrics:
      - m.json: {cache: false}
`,
  });
  await rig.run('repro');
  rig.remove('cache');
  rig.remove('g.txt');
  const r = await rig.run('repro');
  expect(r.stdout).toMatch(/^gen: running \(out 'g\.txt' missing, out 'g\.txt' not in cache\)\n/);
  expect(rig.count('gen')).toBe(2);
  expect(rig.read('g.txt')).toBe('g\n');
});
