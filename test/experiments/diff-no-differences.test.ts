// `pipe metrics diff` / `pipe params diff` with nothing changed: `dvc metrics diff` prints
// nothing; pipe prints nothing on stdout either, and a note on stderr says so (exit 0), naming
// both sides as the table would. `--all` still shows the unchanged rows, as DVC's does.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commitAll, gitInit, PIPELINE, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, {
    'pipeline.yaml': PIPELINE,
    'params.yaml': 'train:\n  lr: 0.01\n',
    'metrics/train.json': { loss: 1.5, per_class: { angry: { f1: 0.25 } } },
    'metrics/eval.json': { accuracy: 0.4 },
  });
  commitAll(dir, 'first');
});
afterAll(() => cleanup());

test('HEAD and an unchanged workspace: a note, nothing on stdout, exit 0', () => {
  for (const what of ['metrics', 'params']) {
    const r = pipe(dir, what, 'diff');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'note: no differences between HEAD and workspace\n']);
  }
  const named = pipe(dir, 'metrics', 'diff', 'HEAD', 'main', '--md');
  expect([named.code, named.stdout, named.stderr]).toEqual([0, '', 'note: no differences between HEAD and main\n']);
  const json = pipe(dir, 'metrics', 'diff', '--json');
  expect([json.code, json.stdout, json.stderr]).toEqual([0, '{}\n', 'note: no differences between HEAD and workspace\n']);
});

test('--all shows the unchanged rows, and the note still says nothing changed', () => {
  const r = pipe(dir, 'metrics', 'diff', '--all');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('note: no differences between HEAD and workspace\n');
  expect(r.stdout).toBe(
    [
      'Path                Metric              HEAD  workspace  Change',
      'metrics/eval.json   accuracy            0.4   0.4        0',
      'metrics/train.json  loss                1.5   1.5        0',
      'metrics/train.json  per_class.angry.f1  0.25  0.25       0',
      '',
    ].join('\n'),
  );
});

test('with --keep/--drop the note says the rows they select did not change', () => {
  writeFiles(dir, { 'metrics/train.json': { loss: 1.25, per_class: { angry: { f1: 0.25 } } } });
  try {
    const r = pipe(dir, 'metrics', 'diff', '--keep', 'f1', '--drop', 'loss');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'note: no differences between HEAD and workspace in the metrics that --keep and --drop select\n']);
    const drop = pipe(dir, 'metrics', 'diff', '--drop', 'loss');
    expect([drop.code, drop.stdout, drop.stderr]).toEqual([0, '', 'note: no differences between HEAD and workspace in the metrics that --drop selects\n']);
    expect(pipe(dir, 'metrics', 'diff').stderr).toBe('');
  } finally {
    writeFiles(dir, { 'metrics/train.json': { loss: 1.5, per_class: { angry: { f1: 0.25 } } } });
  }
});
