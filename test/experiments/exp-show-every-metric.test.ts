// `pipe exp show` shows every metric, as DVC does: nested ones (`test.acc`) and any name (`r2`,
// `perplexity`), in the table, --csv and --json, and --sort-by takes any of them. A terminal too
// narrow for them all keeps the score-like ones first and names what it left out.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, pipeEnv, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [scores.json]\n' });
  await recordWith(dir, { 'params.yaml': 'lr: 1\n', 'scores.json': { test: { acc: 0.8 }, r2: 0.5, perplexity: 12.5, loss: 0.25 } }, { name: 'one', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'lr: 2\n', 'scores.json': { test: { acc: 0.7 }, r2: 0.6, perplexity: 11.25, loss: 0.5 } }, { name: 'two', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('every metric is a column of the table, --csv and --json', () => {
  const text = pipe(dir, 'exp', 'show');
  expect([text.code, text.stderr]).toEqual([0, '']);
  expect(text.stdout).toBe(
    [
      'Experiment  Created           test.acc  r2   perplexity  loss  lr',
      'one         2026-11-29 01:00  0.8       0.5  12.5        0.25  1',
      'two         2026-11-29 02:00  0.7       0.6  11.25       0.5   2',
      '',
    ].join('\n'),
  );
  expect(pipe(dir, 'exp', 'show', '--csv').stdout.split('\n')[0]).toBe('Experiment,Created,test.acc,r2,perplexity,loss,lr');
  const json = JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { metrics: Record<string, unknown> }[];
  expect(json.map((r) => r.metrics)).toEqual([
    { 'test.acc': 0.8, r2: 0.5, perplexity: 12.5, loss: 0.25 },
    { 'test.acc': 0.7, r2: 0.6, perplexity: 11.25, loss: 0.5 },
  ]);
});

test('--sort-by any metric, a nested one too', () => {
  const r2 = pipe(dir, 'exp', 'show', '--sort-by', 'r2', '--sort-order', 'desc', '--csv');
  expect([r2.code, r2.stderr]).toEqual([0, '']);
  expect(r2.stdout.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['two', 'one']);
  const nested = pipe(dir, 'exp', 'show', '--sort-by', 'test.acc', '--csv');
  expect(nested.stdout.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['two', 'one']);
});

test('a narrow terminal keeps a score-like metric (loss, last in its file) and the param, and names the metrics left out', () => {
  const r = pipeEnv(dir, { COLUMNS: '38' }, 'exp', 'show');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(['Experiment  Created           loss  lr', 'one         2026-11-29 01:00  0.25  1', 'two         2026-11-29 02:00  0.5   2', ''].join('\n'));
  expect(r.stderr).toBe('note: 3 more columns did not fit the terminal (test.acc, r2, perplexity): pick columns with --keep/--drop, or see them all with --md, --csv or --json\n');
});
