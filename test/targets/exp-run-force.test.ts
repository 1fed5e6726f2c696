// `pipe exp run -f`: the stages run even if up to date (as `pipe repro -f`), and the run is
// recorded; with --temp and --queue, in the worktree, a queued one keeping -f until `queue start`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { commitAll, gitInit } from '../experiments/helpers.js';

const PIPELINE = `stages:
  train:
    cmd: ${counted('train', 'echo lr ${train.lr} > model.txt')}
    params: [train.lr]
    outs: [model.txt]
`;
const FILES = { 'pipeline.yaml': PIPELINE, 'params.yaml': 'train:\n  lr: 0.1\n', '.gitignore': '/.pipe/\n/cache/\n/.count-*\n' };

/** The stage outcomes of the record named `name`. */
function outcomes(rig: Rig, name: string): string[] {
  const dir = join(rig.dir, 'metrics/experiments');
  const recs = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name: string | null; stages: { name: string; outcome: string }[] });
  return recs.find((r) => r.name === name)?.stages.map((s) => `${s.name}: ${s.outcome}`) ?? [];
}

test('in the workspace: an up-to-date stage runs again and the run is recorded', async () => {
  const rig = makeRig(FILES);
  expect((await rig.run('exp', 'run', '-n', 'a')).code).toBe(0);
  const plain = await rig.run('exp', 'run', '-n', 'b');
  expect([plain.code, plain.stdout, rig.count('train')]).toEqual([0, 'train: up to date\nEverything is up to date.\n', 1]);
  const forced = await rig.run('exp', 'run', '-f', '-n', 'c');
  expect(forced.code).toBe(0);
  expect(forced.stdout).toMatch(/^train: running \(forced\)\ntrain: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect(rig.count('train')).toBe(2);
  expect(outcomes(rig, 'c')).toEqual(['train: ran']);
});

test('--temp -f runs in the worktree instead of restoring from the cache; --queue -f keeps -f for queue start', async () => {
  const rig = makeRig(FILES);
  gitInit(rig.dir);
  commitAll(rig.dir, 'init');
  expect((await rig.run('repro')).code).toBe(0);
  // without -f the worktree's stage comes back from the cache as its pipeline.lock records it:
  // nothing new, so no record (as for a repro that only restored the lock's outputs)
  expect((await rig.run('exp', 'run', '--temp', '-n', 't0')).code).toBe(0);
  expect(outcomes(rig, 't0')).toEqual([]);
  expect(rig.count('train')).toBe(1);
  expect((await rig.run('exp', 'run', '--temp', '-f', '-n', 't1')).code).toBe(0);
  expect(outcomes(rig, 't1')).toEqual(['train: ran']);
  expect((await rig.run('exp', 'run', '--queue', '-f', '-n', 'q1')).code).toBe(0);
  const started = await rig.run('exp', 'queue', 'start');
  expect(started.code).toBe(0);
  expect(outcomes(rig, 'q1')).toEqual(['train: ran']);
  const log = await rig.run('exp', 'queue', 'logs', 'q1');
  expect(log.stdout).toMatch(/^# \S+ pipe repro --record -f --exp-name q1 --exp-id \d{8}-\d{6}-[0-9a-f]{4} \(in /);
});
