// `pipe exp show` before any experiment is recorded: the note alone (no header without rows);
// --md, --csv and --json still print their empty forms for scripts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n' });
});
afterAll(() => cleanup());

test('no records: the note, and empty tables for scripts', () => {
  const r = pipe(dir, 'exp', 'show');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'note: no experiments recorded yet: `pipe repro` or `pipe exp run` records one\n']);
  expect(pipe(dir, 'exp', 'show', '--json').stdout).toBe('[]\n');
  expect(pipe(dir, 'exp', 'show', '--csv').stdout).toBe('Experiment,Created\n');
});
