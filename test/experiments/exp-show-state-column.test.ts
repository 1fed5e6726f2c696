// `pipe exp show --csv`/`--md`: the Experiment field holds the id or name alone (pasteable into
// `exp apply`); a failed or dirty run's marks go to a State column of their own. The terminal
// table keeps them after the name.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let dirty: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  dirty = await recordWith(dir, { 'params.yaml': 'lr: 0.1\n', 'm.json': { loss: 1 } }, { at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'lr: 9\n' }, { name: 'diverged', at: '2026-11-29T02:00:00Z', outcome: 'failed' });
  // as a run with an uncommitted edit to its code records it
  const file = join(dir, 'metrics/experiments', `${dirty}.json`);
  const rec = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...rec, git: { rev: 'a'.repeat(40), dirty: true, changed: ['train.js'] } }, null, 2));
});
afterAll(() => cleanup());

test('--csv: the id alone, the marks in State', () => {
  const r = pipe(dir, 'exp', 'show', '--csv');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    ['Experiment,Created,State,loss,lr', `${dirty},2026-11-29T01:00:00.000Z,dirty,1,0.1`, 'diverged,2026-11-29T02:00:00.000Z,failed,,9', ''].join('\n'),
  );
});

test('--md: the same; the terminal table keeps the marks after the name', () => {
  expect(pipe(dir, 'exp', 'show', '--md').stdout.split('\n')).toEqual([
    '| Experiment | Created | State | loss | lr |',
    '|---|---|---|---|---|',
    `| ${dirty} | 2026-11-29 01:00 | dirty | 1 | 0.1 |`,
    '| diverged | 2026-11-29 02:00 | failed | - | 9 |',
    '',
  ]);
  expect(pipe(dir, 'exp', 'show').stdout.split('\n')[1]).toContain(`${dirty} (dirty)  `);
});
// (no row marked: no State column, as exp-show-same-file-name.test.ts's --csv shows)
