// `pipe metrics diff` and `pipe params diff` between two recorded experiments, by name or id,
// outside any git repository.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dirname } from 'node:path';
import { pipe, pipeEnv, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let firstId: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  firstId = await recordWith(
    dir,
    { 'params.yaml': 'train:\n  lr: 0.01\n  restore_best_weights: true\n', 'm.json': { val_accuracy: 0.21, val_loss: 1.9 } },
    { name: 'lr-0.01', at: '2026-11-29T01:00:00Z' },
  );
  await recordWith(
    dir,
    { 'params.yaml': 'train:\n  lr: 0.001\n  restore_best_weights: true\n', 'm.json': { val_accuracy: 0.45, val_loss: 1.4 } },
    { name: 'lr-0.001', at: '2026-11-29T02:00:00Z' },
  );
});
afterAll(() => cleanup());

test('metrics diff by experiment names, outside git', () => {
  const r = pipe(dir, 'metrics', 'diff', 'lr-0.01', 'lr-0.001');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path    Metric        lr-0.01  lr-0.001  Change',
      'm.json  val_accuracy  0.21     0.45      +0.24',
      'm.json  val_loss      1.9      1.4       -0.5',
      '',
    ].join('\n'),
  );
});

test('params diff by id against a name; a named experiment is labelled by its name', () => {
  const r = pipe(dir, 'params', 'diff', firstId, 'lr-0.001');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(['Path         Param     lr-0.01  lr-0.001  Change', 'params.yaml  train.lr  0.01     0.001     -0.009', ''].join('\n'));
});

test('the default HEAD side outside git is refused, naming what to give instead', () => {
  // the ceiling keeps git from finding a repository in a folder above the temp dir
  const r = pipeEnv(dir, { GIT_CEILING_DIRECTORIES: dirname(dir) }, 'metrics', 'diff');
  expect(r.stderr).toBe(`error: 'HEAD' is not an experiment id or name, and ${dir} is not in a git repository\nhint: list experiments with \`pipe exp show\`\n`);
  expect(r.code).toBe(2);
});
