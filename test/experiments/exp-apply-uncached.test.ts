// `pipe exp apply` with metrics declared `cache: false` (as the FER2013 pipeline does): the
// cache cannot give them back, so they come back byte for byte from the experiment record.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, uncachedMetricsExperiments } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  uncachedMetricsExperiments(dir);
});
afterEach(() => cleanup());

test('uncached metrics are written back from the record; status is up to date without a run', () => {
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'metrics/train.json'), 'utf8'))).toEqual({ val_accuracy: 0.4, backend: 'cpu' });
  const status = pipe(dir, 'status');
  expect(status.code).toBe(0);
  expect(status.stdout).toContain('up to date');
  expect(status.stdout).not.toContain('would run');
  expect(readFileSync(join(dir, 'runs.log'), 'utf8')).toBe('ran\nran\n');
});
