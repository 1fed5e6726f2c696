// `pipe exp diff A B` (what DVC users type, `dvc exp diff`): the table of `pipe metrics diff A B`,
// then that of `pipe params diff A B`, as DVC lists metrics and params; "no differences" only
// when neither differs.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PIPELINE, pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'metrics/eval.json': { accuracy: 0.4 } });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.1\n', 'metrics/train.json': { loss: 1.5 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.2\n', 'metrics/train.json': { loss: 1.25 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
  // params differ from b's, metrics the same
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.3\n', 'metrics/train.json': { loss: 1.25 } }, { name: 'c', at: '2026-11-29T03:00:00Z' });
});
afterAll(() => cleanup());

test('exp diff A B prints what metrics diff A B prints, then what params diff A B prints', () => {
  const metrics = pipe(dir, 'metrics', 'diff', 'a', 'b', '--all');
  const params = pipe(dir, 'params', 'diff', 'a', 'b', '--all');
  const exp = pipe(dir, 'exp', 'diff', 'a', 'b', '--all');
  expect([exp.code, exp.stderr]).toEqual([0, '']);
  expect(exp.stdout).toBe(`${metrics.stdout}\n${params.stdout}`);
  expect(exp.stdout).toBe(
    [
      'Path                Metric    a    b     Change',
      'metrics/eval.json   accuracy  0.4  0.4   0',
      'metrics/train.json  loss      1.5  1.25  -0.25',
      '',
      'Path         Param     a    b    Change',
      'params.yaml  train.lr  0.1  0.2  +0.1',
      '',
    ].join('\n'),
  );
  const json = JSON.parse(pipe(dir, 'exp', 'diff', 'a', 'b', '--json').stdout) as unknown;
  expect(json).toEqual({
    metrics: { 'metrics/train.json': { loss: { old: 1.5, new: 1.25, diff: -0.25 } } },
    params: { 'params.yaml': { 'train.lr': { old: 0.1, new: 0.2, diff: 0.1 } } },
  });
});

test('params alone differ: the params table, and no "no differences"', () => {
  const r = pipe(dir, 'exp', 'diff', 'b', 'c');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Path         Param     b    c    Change\nparams.yaml  train.lr  0.2  0.3  +0.1\n', '']);
  const same = pipe(dir, 'exp', 'diff', 'b', 'b');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, '', 'note: no differences: both sides are b\n']);
  const kept = pipe(dir, 'exp', 'diff', 'b', 'c', '--keep', '^loss$');
  expect([kept.code, kept.stdout, kept.stderr]).toEqual([0, '', 'note: no differences between b and c in the metrics and params that --keep selects\n']);
});

test('its help says it compares metrics and params', () => {
  const r = pipe(dir, 'exp', 'diff', '--help');
  expect(r.code).toBe(0);
  expect(r.stdout.replace(/\s+/g, ' ')).toContain('compare the metrics and params of two experiments, revisions or the workspace: the tables of `pipe metrics diff` and `pipe params diff`');
});
