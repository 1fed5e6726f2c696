// `pipe exp show` with two metrics files of one name in two folders (`train/metrics.json`,
// `eval/metrics.json`, DVC's usual layout): one column each, named by its path, each with its own
// value, in the table, --csv, --md and --json; --sort-by/--keep/--drop name either one, and a
// bare key both share is refused for --sort-by, naming the two.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [train/metrics.json, eval/metrics.json]\n' });
  await recordWith(dir, { 'params.yaml': 'lr: 1\n', 'train/metrics.json': { acc: 0.11 }, 'eval/metrics.json': { acc: 0.99 } }, { name: 'one', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'lr: 2\n', 'train/metrics.json': { acc: 0.22 }, 'eval/metrics.json': { acc: 0.88 } }, { name: 'two', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('one column per file, each with its own values: table, --csv, --md, --json', () => {
  const text = pipe(dir, 'exp', 'show');
  expect([text.code, text.stderr]).toEqual([0, '']);
  expect(text.stdout).toBe(
    [
      'Experiment  Created           eval/metrics.json:acc  train/metrics.json:acc  lr',
      'one         2026-11-29 01:00  0.99                   0.11                    1',
      'two         2026-11-29 02:00  0.88                   0.22                    2',
      '',
    ].join('\n'),
  );
  expect(pipe(dir, 'exp', 'show', '--csv').stdout).toBe(
    ['Experiment,Created,eval/metrics.json:acc,train/metrics.json:acc,lr', 'one,2026-11-29T01:00:00.000Z,0.99,0.11,1', 'two,2026-11-29T02:00:00.000Z,0.88,0.22,2', ''].join('\n'),
  );
  expect(pipe(dir, 'exp', 'show', '--md').stdout.split('\n')[2]).toBe('| one | 2026-11-29 01:00 | 0.99 | 0.11 | 1 |');
  const json = JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { metrics: Record<string, unknown> }[];
  expect(json.map((r) => r.metrics)).toEqual([
    { 'eval/metrics.json:acc': 0.99, 'train/metrics.json:acc': 0.11 },
    { 'eval/metrics.json:acc': 0.88, 'train/metrics.json:acc': 0.22 },
  ]);
});

test('--sort-by takes either column by its path; the key alone is refused, naming both', () => {
  const desc = pipe(dir, 'exp', 'show', '--sort-by', 'train/metrics.json:acc', '--sort-order', 'desc', '--csv');
  expect(desc.stdout.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['two', 'one']);
  const asc = pipe(dir, 'exp', 'show', '--sort-by', 'eval/metrics.json:acc', '--csv');
  expect(asc.stdout.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['two', 'one']);
  const bare = pipe(dir, 'exp', 'show', '--sort-by', 'acc');
  expect([bare.code, bare.stdout, bare.stderr]).toEqual([
    2,
    '',
    'error: --sort-by acc: 2 columns answer to that name: eval/metrics.json:acc, train/metrics.json:acc\nhint: name one as shown\n',
  ]);
});

test('--keep and --drop name one file by its path, or both by the key', () => {
  expect(pipe(dir, 'exp', 'show', '--keep', '^train/metrics\\.json:acc$', '--csv').stdout.split('\n')[0]).toBe('Experiment,Created,train/metrics.json:acc');
  expect(pipe(dir, 'exp', 'show', '--drop', '^eval/', '--csv').stdout.split('\n')[0]).toBe('Experiment,Created,train/metrics.json:acc,lr');
  expect(pipe(dir, 'exp', 'show', '--keep', '^acc$', '--csv').stdout.split('\n')[0]).toBe('Experiment,Created,eval/metrics.json:acc,train/metrics.json:acc');
});
