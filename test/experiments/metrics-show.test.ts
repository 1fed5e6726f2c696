// `pipe metrics show`: every declared metrics file, nested keys as dotted names, one table.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  eval:\n    cmd: node eval.js\n    wdir: sub\n    metrics: [out/eval.json, out/missing.json]\n',
    'sub/out/eval.json': { accuracy: 0.123456789, per_class: { happy: { precision: 0.9, n: 120 } }, backend: 'wasm', tiny: 0.0000123 },
  });
});
afterEach(() => cleanup());

test('text table with dotted keys, paths relative to the project root (wdir applied)', () => {
  const r = pipe(`${dir}/sub`, 'metrics', 'show');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path               Metric                     Value',
      'sub/out/eval.json  accuracy                   0.12346',
      'sub/out/eval.json  per_class.happy.precision  0.9',
      'sub/out/eval.json  per_class.happy.n          120',
      'sub/out/eval.json  backend                    wasm',
      'sub/out/eval.json  tiny                       0.0000123',
      '',
    ].join('\n'),
  );
  expect(r.stderr).toBe('note: sub/out/missing.json: missing (run `pipe repro` to produce it)\n');
});

test('--json keeps full values under dotted keys; --precision rounds the table', () => {
  const json = pipe(dir, 'metrics', 'show', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({
    'sub/out/eval.json': { accuracy: 0.123456789, 'per_class.happy.precision': 0.9, 'per_class.happy.n': 120, backend: 'wasm', tiny: 0.0000123 },
  });
  const md = pipe(dir, 'metrics', 'show', '--md', '--precision', '2');
  expect(md.stdout.split('\n').slice(0, 3)).toEqual(['| Path | Metric | Value |', '|---|---|---|', '| sub/out/eval.json | accuracy | 0.12 |']);
  const bad = pipe(dir, 'metrics', 'show', '--precision', 'x');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("error: option '--precision <n>' argument 'x' is invalid. expected a whole number from 0 to 20");
});
