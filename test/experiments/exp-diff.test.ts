// `pipe exp diff A B` (what DVC users type, `dvc exp diff`): `pipe metrics diff A B` under that
// name, the same table, defaults and options; its help points to `pipe params diff` for params.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PIPELINE, pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'metrics/eval.json': { accuracy: 0.4 } });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.1\n', 'metrics/train.json': { loss: 1.5 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.2\n', 'metrics/train.json': { loss: 1.25 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('exp diff A B prints what metrics diff A B prints', () => {
  const metrics = pipe(dir, 'metrics', 'diff', 'a', 'b', '--all');
  const exp = pipe(dir, 'exp', 'diff', 'a', 'b', '--all');
  expect([exp.code, exp.stdout, exp.stderr]).toEqual([metrics.code, metrics.stdout, metrics.stderr]);
  expect(exp.stdout).toBe('Path                Metric    a    b     Change\nmetrics/eval.json   accuracy  0.4  0.4   0\nmetrics/train.json  loss      1.5  1.25  -0.25\n');
});

test('its help says it is metrics diff, and where params are compared', () => {
  const r = pipe(dir, 'exp', 'diff', '--help');
  expect(r.code).toBe(0);
  expect(r.stdout.replace(/\s+/g, ' ')).toContain('compare the metrics of two experiments, revisions or the workspace: the same as `pipe metrics diff` (their params: `pipe params diff A B`)');
});
