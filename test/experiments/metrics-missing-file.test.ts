// A metrics file missing on one side of a diff shows `-` and a note; it is not a crash.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, PIPELINE, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'metrics/train.json': { loss: 1 } });
  commitAll(dir, 'only train metrics');
});
afterEach(() => cleanup());

test('file new in the workspace: `-` on the HEAD side and a note naming it', () => {
  writeFiles(dir, { 'metrics/eval.json': { accuracy: 0.5, confusion: 'see plots' } });
  const r = pipe(dir, 'metrics', 'diff');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path               Metric     HEAD  workspace  Change',
      'metrics/eval.json  accuracy   -     0.5',
      'metrics/eval.json  confusion  -     see plots',
      '',
    ].join('\n'),
  );
  expect(r.stderr).toBe('note: metrics/eval.json: missing in HEAD\n');
});

test('file deleted from the workspace: `-` on the workspace side', () => {
  rmSync(join(dir, 'metrics/train.json'));
  const r = pipe(dir, 'metrics', 'diff', '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ 'metrics/train.json': { loss: { old: 1, new: null } } });
  expect(r.stderr).toBe('note: metrics/eval.json: missing in both HEAD and workspace\nnote: metrics/train.json: missing in workspace\n');
});

test('a metrics file that is not valid JSON is an error naming file, line and column', () => {
  writeFiles(dir, { 'metrics/train.json': '{\n  "loss": 1,\n  oops\n}\n' });
  const r = pipe(dir, 'metrics', 'show');
  expect(r.code).toBe(1);
  // after the note on the other declared file, which is missing
  expect(r.stderr).toMatch(/^note: metrics\/eval\.json: missing \(run `pipe repro` to produce it\)\nerror: metrics\/train\.json:3:3: not valid JSON: /);
  expect(r.stderr).toContain('hint: fix the file or rerun the stage that writes it\n');
});
