// A pipeline.yaml or params.yaml that does not parse is said the same way by every command that
// reads it (`file:line:col: YAML syntax error: ...`, exit 2, as `pipe status` says it), not as
// `cannot parse YAML: ... at line 4, column 1:` with exit 1 by the metrics and plots commands.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('pipeline.yaml with a bad indent: metrics show, plots show and status agree', () => {
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n   plots: [x.json]\n' });
  const line = 'error: pipeline.yaml:4:4: YAML syntax error: All mapping items must start at the same column\n';
  for (const args of [['metrics', 'show'], ['plots', 'show']]) {
    const r = pipe(dir, ...args);
    expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', line]);
  }
  const status = pipe(dir, 'status');
  expect([status.code, status.stderr.split('\n')[0]]).toEqual([2, line.trimEnd()]);
});

test('params.yaml that does not parse: metrics show names its line too', () => {
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    params: [a]\n    metrics: [m.json]\n', 'params.yaml': 'a: [1\n' });
  const r = pipe(dir, 'params', 'diff');
  const m = pipe(dir, 'metrics', 'show');
  expect([m.code, m.stderr]).toEqual([2, 'error: params.yaml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]\n']);
  expect(r.code).toBe(2);
});

test('a metrics file a stage wrote in YAML that does not parse: its line, exit 1, the data hint', () => {
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  a:\n    cmd: x\n    metrics: [m.yaml]\n', 'm.yaml': 'acc: 0.5\n loss: 1\n' });
  const r = pipe(dir, 'metrics', 'show');
  expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^error: m\.yaml:1:6: YAML syntax error: .*\nhint: fix the file or rerun the stage that writes it\n$/)]);
});
