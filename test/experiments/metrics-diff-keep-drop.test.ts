// `pipe metrics diff` and `pipe params diff` --keep/--drop: regular expressions over the row
// names, as `pipe exp show --keep/--drop` takes them: a row answers to its key and to the key with
// its file (`eval:accuracy`, `metrics/eval.json:accuracy`); --keep selects, --drop then hides;
// unchanged rows still need --all; a regex naming an item of a list param keeps the list whole.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    params: [train.lr]\n    metrics: [metrics/eval.json, metrics/train.json]\n',
    'params.yaml': 'train:\n  lr: 0.01\n  filters: [32, 64]\n  epochs: 5\n',
    'metrics/eval.json': { accuracy: 0.5, loss: 1.2, per_class: { angry: { f1: 0.2 } }, confusion_matrix: [[1, 2], [3, 4]] },
    'metrics/train.json': { accuracy: 0.6, epochs: 5 },
  });
  commitAll(dir, 'first');
  writeFiles(dir, {
    'params.yaml': 'train:\n  lr: 0.001\n  filters: [32, 128]\n  epochs: 5\n',
    'metrics/eval.json': { accuracy: 0.55, loss: 1.1, per_class: { angry: { f1: 0.3 } }, confusion_matrix: [[2, 1], [3, 4]] },
    'metrics/train.json': { accuracy: 0.7, epochs: 5 },
  });
});
afterAll(() => cleanup());

test('--drop hides the rows whose name matches', () => {
  const r = pipe(dir, 'metrics', 'diff', '--drop', '^(confusion_matrix|per_class)\\.');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path                Metric    HEAD  workspace  Change',
      'metrics/eval.json   accuracy  0.5   0.55       +0.05',
      'metrics/eval.json   loss      1.2   1.1        -0.1',
      'metrics/train.json  accuracy  0.6   0.7        +0.1',
      '',
    ].join('\n'),
  );
});

test('--keep matches a key alone or with its file; --drop applies after it', () => {
  expect(pipe(dir, 'metrics', 'diff', '--keep', '^accuracy$').stdout).toBe(
    [
      'Path                Metric    HEAD  workspace  Change',
      'metrics/eval.json   accuracy  0.5   0.55       +0.05',
      'metrics/train.json  accuracy  0.6   0.7        +0.1',
      '',
    ].join('\n'),
  );
  expect(pipe(dir, 'metrics', 'diff', '--keep', '^eval:').stdout).toBe(
    [
      'Path               Metric                HEAD  workspace  Change',
      'metrics/eval.json  accuracy              0.5   0.55       +0.05',
      'metrics/eval.json  confusion_matrix.0.0  1     2          +1',
      'metrics/eval.json  confusion_matrix.0.1  2     1          -1',
      'metrics/eval.json  loss                  1.2   1.1        -0.1',
      'metrics/eval.json  per_class.angry.f1    0.2   0.3        +0.1',
      '',
    ].join('\n'),
  );
  const both = pipe(dir, 'metrics', 'diff', '--keep', 'accuracy', '--drop', '^metrics/train\\.json:', '--md');
  expect(both.stdout).toBe('| Path | Metric | HEAD | workspace | Change |\n|---|---|---|---|---|\n| metrics/eval.json | accuracy | 0.5 | 0.55 | +0.05 |\n');
});

test('unchanged rows the filters select need --all, as without filters; --json holds the same rows', () => {
  expect(pipe(dir, 'metrics', 'diff', '--keep', 'epochs', '--all').stdout).toBe(
    ['Path                Metric  HEAD  workspace  Change', 'metrics/train.json  epochs  5     5          0', ''].join('\n'),
  );
  const json = pipe(dir, 'metrics', 'diff', '--keep', '^(loss|epochs)$', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({ 'metrics/eval.json': { loss: { old: 1.2, new: 1.1, diff: -0.1 } } });
});

test('params diff takes them too; an item of a list param selects the whole list, with a note', () => {
  const r = pipe(dir, 'params', 'diff', '--keep', 'train\\.filters\\.1');
  expect(r.stderr).toBe('note: --keep matched train.filters.1, an item of the list param train.filters: a list is one row, kept whole\n');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(['Path         Param          HEAD      workspace  Change', 'params.yaml  train.filters  [32, 64]  [32, 128]', ''].join('\n'));
  const drop = pipe(dir, 'params', 'diff', '--drop', 'filters\\.1');
  expect(drop.stderr).toBe('note: --drop matched train.filters.1, an item of the list param train.filters: a list is one row, left in whole\n');
  expect(drop.stdout).toContain('params.yaml  train.filters  [32, 64]  [32, 128]\n');
  expect(pipe(dir, 'params', 'diff', '--keep', '^params\\.yaml:train\\.lr$').stdout).toBe(
    ['Path         Param     HEAD  workspace  Change', 'params.yaml  train.lr  0.01  0.001      -0.009', ''].join('\n'),
  );
});

test('a regex that does not parse is a usage error', () => {
  const r = pipe(dir, 'metrics', 'diff', '--keep', '(');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    "error: option '--keep <regex>' argument '(' is invalid. not a regular expression: Invalid regular expression: /(/: Unterminated group\n(run `pipe metrics diff --help` for usage)\n",
  );
});

test('a --keep that matches nothing says so, not "no differences"', () => {
  const r = pipe(dir, 'metrics', 'diff', '--keep', 'acuracy');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'note: --keep acuracy matches no metric of HEAD or workspace\n']);
  expect(pipe(dir, 'params', 'diff', '--keep', 'nope').stderr).toBe('note: --keep nope matches no param of HEAD or workspace\n');
});
