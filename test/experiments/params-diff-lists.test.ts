// `pipe params diff`: a list param is one value (`train.seeds  [42, 1042]  [42, 1042, 2042]`),
// compared by value and shown whole in every rendering, as DVC shows it; metrics lists still
// flatten by index (`confusion.0.1`), each entry a number of its own.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    params: [train.lr]\n    metrics: [m.json]\n',
    // layers: the same mappings in another key order below, which is no change
    'params.yaml': 'train:\n  lr: 0.01\n  seeds: [42, 1042]\n  shape: [48, 48, 1]\n  layers:\n    - {units: 8, act: relu}\n',
    'm.json': { confusion: [[5, 1], [2, 4]] },
  });
  commitAll(dir, 'first');
  writeFiles(dir, {
    'params.yaml': 'train:\n  lr: 0.001\n  seeds: [42, 1042, 2042]\n  shape: [48, 48, 1]\n  layers:\n    - {act: relu, units: 8}\n',
    'm.json': { confusion: [[6, 0], [2, 4]] },
  });
  commitAll(dir, 'second');
});
afterAll(() => cleanup());

test('a changed list is one row, shown whole, without a Change', () => {
  const r = pipe(dir, 'params', 'diff', 'HEAD~1', 'HEAD');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path         Param        HEAD~1      HEAD              Change',
      'params.yaml  train.lr     0.01        0.001             -0.009',
      'params.yaml  train.seeds  [42, 1042]  [42, 1042, 2042]',
      '',
    ].join('\n'),
  );
});

test('--all: lists equal by value (mappings in them whatever their key order) are unchanged rows', () => {
  const r = pipe(dir, 'params', 'diff', 'HEAD~1', 'HEAD', '--all', '--md');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      '| Path | Param | HEAD~1 | HEAD | Change |',
      '|---|---|---|---|---|',
      '| params.yaml | train.layers | [{"units": 8, "act": "relu"}] | [{"act": "relu", "units": 8}] |  |',
      '| params.yaml | train.lr | 0.01 | 0.001 | -0.009 |',
      '| params.yaml | train.seeds | [42, 1042] | [42, 1042, 2042] |  |',
      '| params.yaml | train.shape | [48, 48, 1] | [48, 48, 1] |  |',
      '',
    ].join('\n'),
  );
});

test('--json keeps the lists as JSON arrays', () => {
  const r = pipe(dir, 'params', 'diff', 'HEAD~1', 'HEAD', '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    'params.yaml': {
      'train.lr': { old: 0.01, new: 0.001, diff: -0.009 },
      'train.seeds': { old: [42, 1042], new: [42, 1042, 2042] },
    },
  });
});

test('metrics lists still flatten by index', () => {
  const r = pipe(dir, 'metrics', 'diff', 'HEAD~1', 'HEAD');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path    Metric         HEAD~1  HEAD  Change',
      'm.json  confusion.0.0  5       6     +1',
      'm.json  confusion.0.1  1       0     -1',
      '',
    ].join('\n'),
  );
});
