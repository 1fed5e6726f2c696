// Experiment records carry imported data's .pipe file as they carry added data's (tracked_files,
// `source` included): `pipe exp apply` of an experiment run before a `pipe update` puts that
// version of the data and its source record back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from '../experiments/helpers.js';
import { rewrite } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('records hold the imported .pipe file; exp apply brings back the data of before the update', () => {
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  count:\n    cmd: wc -l < data/labels.txt > lines.txt\n    deps: [data/labels.txt]\n    outs: [lines.txt]\n',
    'upstream/labels.txt': 'cat\n',
  });
  gitInit(dir);
  expect(pipe(dir, 'import-url', 'upstream/labels.txt', 'data/labels.txt').code).toBe(0);
  commitAll(dir, 'base');
  expect(pipe(dir, 'exp', 'run', '-n', 'v1').code).toBe(0);
  const v1 = readFileSync(join(dir, 'data/labels.txt.pipe'), 'utf8');
  expect(v1).toContain("schema: '2'\nsource:\n  url: ../upstream/labels.txt\n");

  rewrite(join(dir, 'upstream/labels.txt'), 'cat\ndog\n');
  const update = pipe(dir, 'update', 'data/labels.txt');
  expect([update.code, update.stderr]).toEqual([0, '']);
  expect(pipe(dir, 'exp', 'run', '-n', 'v2').code).toBe(0);
  expect(readFileSync(join(dir, 'lines.txt'), 'utf8').trim()).toBe('2');

  const records = readdirSync(join(dir, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')) as { name: string; tracked_files?: Record<string, string> });
  expect(records.find((r) => r.name === 'v1')?.tracked_files).toEqual({ 'data/labels.txt.pipe': v1 });

  const applied = pipe(dir, 'exp', 'apply', 'v1');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(readFileSync(join(dir, 'data/labels.txt.pipe'), 'utf8')).toBe(v1);
  expect(readFileSync(join(dir, 'data/labels.txt'), 'utf8')).toBe('cat\n');
  expect(readFileSync(join(dir, 'lines.txt'), 'utf8').trim()).toBe('1');
});
