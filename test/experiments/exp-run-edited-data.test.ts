// `pipe exp run` on data `pipe add` tracks, edited and not added again: the repro stores the new
// version first, so the record's copy of the .pipe file names the data the run actually read (not
// the committed one), and `exp apply` later brings that version back with the outputs made from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('exp run records the edited data version; exp apply restores it after checkout -f', () => {
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  count:\n    cmd: wc -l < data/raw.csv > rows.txt\n    deps: [data/raw.csv]\n    params: [n]\n    outs: [rows.txt]\n',
    'params.yaml': 'n: 1\n',
    'data/raw.csv': '1\n2\n3\n',
  });
  gitInit(dir);
  expect(pipe(dir, 'add', 'data/raw.csv').code).toBe(0);
  expect(pipe(dir, 'repro').code).toBe(0);
  commitAll(dir, 'base');
  const committed = readFileSync(join(dir, 'data/raw.csv.pipe'), 'utf8');

  writeFiles(dir, { 'data/raw.csv': '1\n2\n3\n4\n' });
  const run = pipe(dir, 'exp', 'run', '-n', 'more-rows', '-S', 'n=2');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^data\/raw\.csv changed: stored in the cache and data\/raw\.csv\.pipe updated \(commit it\)\ncount: running \(dep 'data\/raw\.csv' changed, param 'n' changed\)\n/);
  const used = readFileSync(join(dir, 'data/raw.csv.pipe'), 'utf8');
  expect(used).not.toBe(committed);
  const records = readdirSync(join(dir, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')) as { name: string | null; tracked_files?: Record<string, string> });
  expect(records.find((r) => r.name === 'more-rows')?.tracked_files).toEqual({ 'data/raw.csv.pipe': used });

  // back to the committed data, then the experiment: its data comes back with its outputs
  writeFiles(dir, { 'data/raw.csv.pipe': committed });
  expect(pipe(dir, 'checkout', 'data/raw.csv').code).toBe(0);
  const applied = pipe(dir, 'exp', 'apply', 'more-rows');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(applied.stdout).toContain('data/raw.csv.pipe: set to the data version of more-rows\n');
  expect([readFileSync(join(dir, 'data/raw.csv'), 'utf8'), readFileSync(join(dir, 'rows.txt'), 'utf8').trim()]).toEqual(['1\n2\n3\n4\n', '4']);
  expect(pipe(dir, 'status').stdout).toBe('Everything is up to date.\n');
});
