// An experiment that runs only part of the pipeline (`pipe exp run train`) must not be credited
// with the metrics an earlier run left in the workspace: the stages it left stale have their
// metrics and plots recorded as null, and `exp show` prints `-` for them.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, writeFiles } from './helpers.js';

interface Rec {
  name: string;
  metrics: Record<string, Record<string, unknown> | null>;
  plots: Record<string, unknown[] | null>;
  stages: { name: string; outcome: string }[];
  stale_stages?: string[];
}

let dir: string;
let cleanup: () => void;
const byName = new Map<string, Rec>();

const PROJECT: Record<string, unknown> = {
  'pipeline.yaml': `stages:
  train:
    cmd: node train.js
    deps: [train.js]
    params: [train.lr]
    outs: [model.txt]
    metrics: [metrics/train.json]
  evaluate:
    cmd: node evaluate.js
    deps: [evaluate.js, model.txt]
    metrics: [metrics/eval.json]
    plots: [metrics/confusion.json]
  report:
    cmd: node report.js
    deps: [report.js]
    metrics: [metrics/report.json]
`,
  'params.yaml': 'train:\n  lr: 0.1\n',
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('model.txt', String(lr));
fs.writeFileSync('metrics/train.json', JSON.stringify({ loss: lr * 10 }));
`,
  'evaluate.js': `const fs = require('fs');
const lr = Number(fs.readFileSync('model.txt', 'utf8'));
fs.writeFileSync('metrics/eval.json', JSON.stringify({ accuracy: 1 - lr }));
fs.writeFileSync('metrics/confusion.json', JSON.stringify([{ actual: 'a', predicted: 'a' }]));
`,
  'report.js': `const fs = require('fs');
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('metrics/report.json', JSON.stringify({ pages: 3 }));
`,
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, PROJECT);
  // every stage runs: nothing is stale
  expect(pipe(dir, 'exp', 'run', '-n', 'full').code).toBe(0);
  // only train runs: evaluate now scores the old model, report is untouched and still current
  expect(pipe(dir, 'exp', 'run', '-n', 'train-only', '-S', 'train.lr=0.3', 'train').code).toBe(0);
  // the rest of the pipeline catches up: evaluate runs, nothing is stale again
  expect(pipe(dir, 'exp', 'run', '-n', 'caught-up').code).toBe(0);
  const folder = join(dir, 'metrics/experiments');
  for (const f of readdirSync(folder)) {
    const rec = JSON.parse(readFileSync(join(folder, f), 'utf8')) as Rec;
    byName.set(rec.name, rec);
  }
});
afterAll(() => cleanup());

test('a full run records every metrics file and no stale stage', () => {
  const rec = byName.get('full');
  expect(rec?.stale_stages).toEqual([]);
  expect(rec?.metrics).toEqual({
    'metrics/train.json': { loss: 1 },
    'metrics/eval.json': { accuracy: 0.9 },
    'metrics/report.json': { pages: 3 },
  });
  expect(rec?.plots['metrics/confusion.json']).toEqual([{ actual: 'a', predicted: 'a' }]);
});

test('a run of train alone records evaluate as stale: its metrics and plots are null, not the old values', () => {
  const rec = byName.get('train-only');
  expect(rec?.stages.map((s) => [s.name, s.outcome])).toEqual([['train', 'ran']]);
  expect(rec?.stale_stages).toEqual(['evaluate']);
  expect(rec?.metrics).toEqual({
    'metrics/train.json': { loss: 3 },
    'metrics/eval.json': null,
    // left out of the run, but its inputs did not change: its metrics are still current
    'metrics/report.json': { pages: 3 },
  });
  expect(rec?.plots['metrics/confusion.json']).toBeNull();
});

test('the next full run scores the new model and is complete again', () => {
  const rec = byName.get('caught-up');
  expect(rec?.stale_stages).toEqual([]);
  expect(rec?.metrics['metrics/eval.json']).toEqual({ accuracy: 0.7 });
});

test('exp show prints - for the metrics the partial run did not produce', () => {
  const r = pipe(dir, 'exp', 'show', '--keep', 'lr|loss|accuracy', 'full', 'train-only', 'caught-up');
  expect(r.code).toBe(0);
  // the Created column is left out of the comparison: it holds the time of the run
  const rows = r.stdout.split('\n').map((line) => line.replace(/ {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}/, '  '));
  expect(rows).toEqual([
    'Experiment  Created           accuracy  loss  train.lr',
    'full        0.9       1     0.1',
    'train-only  -         3     0.3',
    'caught-up   0.7       3     0.3',
    '',
  ]);
});

test('metrics diff and plots diff say why the partial run lacks the file', () => {
  const m = pipe(dir, 'metrics', 'diff', 'train-only', 'caught-up');
  expect(m.code).toBe(0);
  expect(m.stderr).toBe("note: metrics/eval.json: not in train-only (stage 'evaluate' was out of date after that run)\n");
  const p = pipe(dir, 'plots', 'diff', 'train-only', 'caught-up', '-o', join(dir, 'plots-out'));
  expect(p.code).toBe(0);
  expect(p.stderr).toBe("note: metrics/confusion.json: not in train-only (stage 'evaluate' was out of date after that run)\n");
});
