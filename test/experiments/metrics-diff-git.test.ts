// `pipe metrics diff` between two git commits, and HEAD vs workspace by default; nested keys
// flattened to dotted names; non-numeric values shown without a Change.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, gitInit, PIPELINE, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, {
    'pipeline.yaml': PIPELINE,
    'params.yaml': 'train:\n  lr: 0.01\n',
    'metrics/train.json': { loss: 1.5, backend: 'wasm', per_class: { angry: { f1: 0.25 } }, epochs: 5 },
    'metrics/eval.json': { accuracy: 0.4 },
  });
  commitAll(dir, 'first');
  writeFiles(dir, {
    'metrics/train.json': { loss: 1.25, backend: 'cpu', per_class: { angry: { f1: 0.5 } }, epochs: 5 },
  });
  commitAll(dir, 'second');
});
afterEach(() => cleanup());

test('diff between two commits lists changed metrics with dotted names', () => {
  const r = pipe(dir, 'metrics', 'diff', 'HEAD~1', 'HEAD');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path                Metric              HEAD~1  HEAD  Change',
      'metrics/train.json  backend             wasm    cpu',
      'metrics/train.json  loss                1.5     1.25  -0.25',
      'metrics/train.json  per_class.angry.f1  0.25    0.5   +0.25',
      '',
    ].join('\n'),
  );
});

test('--all adds unchanged rows; --json gives {path: {key: {old, new, diff}}}', () => {
  const all = pipe(dir, 'metrics', 'diff', 'HEAD~1', 'HEAD', '--all');
  expect(all.stdout).toContain('metrics/eval.json   accuracy            0.4     0.4   0\n');
  expect(all.stdout).toContain('metrics/train.json  epochs              5       5     0\n');
  const json = pipe(dir, 'metrics', 'diff', 'HEAD~1', 'HEAD', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({
    'metrics/train.json': {
      backend: { old: 'wasm', new: 'cpu' },
      loss: { old: 1.5, new: 1.25, diff: -0.25 },
      'per_class.angry.f1': { old: 0.25, new: 0.5, diff: 0.25 },
    },
  });
});

test('defaults compare HEAD with the workspace; --md prints a Markdown table', () => {
  writeFiles(dir, { 'metrics/eval.json': { accuracy: 0.45 } });
  const r = pipe(dir, 'metrics', 'diff', '--md');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    '| Path | Metric | HEAD | workspace | Change |\n|---|---|---|---|---|\n| metrics/eval.json | accuracy | 0.4 | 0.45 | +0.05 |\n',
  );
});

test('a project in a subfolder of the repository reads its own files at each revision', () => {
  const { dir: outer, cleanup: done } = tempDir();
  try {
    gitInit(outer);
    writeFiles(outer, {
      'proj/pipeline.yaml': PIPELINE,
      'proj/metrics/eval.json': { accuracy: 0.5 },
      'metrics/eval.json': { accuracy: 0.99 }, // same path at the repository root: must not be read
    });
    commitAll(outer, 'one');
    writeFiles(outer, { 'proj/metrics/eval.json': { accuracy: 0.75 } });
    const r = pipe(`${outer}/proj/metrics`, 'metrics', 'diff');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('metrics/eval.json  accuracy  0.5   0.75       +0.25\n');
  } finally {
    done();
  }
});

test('an unknown revision is refused with exit 2 and a hint', () => {
  const r = pipe(dir, 'metrics', 'diff', 'no-such-rev');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    "error: 'no-such-rev' is neither an experiment id/name nor a git revision\nhint: list experiments with `pipe exp show`, revisions with `git log`\n",
  );
});
