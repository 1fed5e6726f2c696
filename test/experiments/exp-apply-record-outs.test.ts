// `pipe exp apply` writes a `cache: false` output (a metrics file git keeps) from the record
// itself, and says so: the checkout after it finds the file in place and calls it up to date.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, {
    ...TRAIN_PROJECT,
    'pipeline.yaml': 'stages:\n  train:\n    cmd: node train.js\n    deps: [train.js]\n    params: [train.lr]\n    metrics:\n      - metrics/train.json:\n          cache: false\n',
  });
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'big').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.001', '-n', 'small').code).toBe(0);
});
afterEach(() => cleanup());

test('a cache: false output written from the record is named as such', () => {
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^params\.yaml: set to the params of big\nmetrics\/train\.json: written from the record of big\n/);
  expect(JSON.parse(readFileSync(join(dir, 'metrics/train.json'), 'utf8'))).toEqual({ val_accuracy: 0.4, backend: 'cpu' });
  // again: nothing to write
  const again = pipe(dir, 'exp', 'apply', 'big');
  expect(again.stdout).toMatch(/^params\.yaml: already has the params of big\nmetrics\/train\.json: already as the record of big has it\n/);
});
