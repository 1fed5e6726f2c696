// Params are settings, not measurements: `exp show` and `params diff` print them as written, so
// two learning rates that differ in the 7th digit do not both read 0.1 in the column shown because
// they differ; metrics are still rounded, and `--precision` rounds params too.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  await recordWith(dir, { 'params.yaml': 'lr: 0.100001\n', 'm.json': { acc: 0.1234567 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'lr: 0.1000012\n', 'm.json': { acc: 0.1234568 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('exp show: params exact, metrics rounded', () => {
  const r = pipe(dir, 'exp', 'show');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(['Experiment  Created           acc      lr', 'a           2026-11-29 01:00  0.12346  0.100001', 'b           2026-11-29 02:00  0.12346  0.1000012', ''].join('\n'));
  const rounded = pipe(dir, 'exp', 'show', '--precision', '3');
  expect(rounded.stdout).toBe(['Experiment  Created           acc    lr', 'a           2026-11-29 01:00  0.123  0.1', 'b           2026-11-29 02:00  0.123  0.1', ''].join('\n'));
});

test('params diff of two experiments: exact values', () => {
  const r = pipe(dir, 'params', 'diff', 'a', 'b');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(['Path         Param  a         b          Change', 'params.yaml  lr     0.100001  0.1000012  +2e-7', ''].join('\n'));
});
