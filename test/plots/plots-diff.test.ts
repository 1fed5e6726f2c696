// `pipe plots diff A B`: experiments (or git revisions) overlaid on the same axes, one colour
// each, with a legend naming them.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, writeFiles } from '../experiments/helpers.js';
import { history, projectWithTwoRecords } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = await projectWithTwoRecords('pipe-plots-', 'lr-0.01', 'lr-0.001'));
});
afterAll(() => cleanup());

test('two experiments by name: one line per experiment and metric, a legend with both names', () => {
  const r = pipe(dir, 'plots', 'diff', 'lr-0.01', 'lr-0.001', '-o', 'cmp');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const loss = readFileSync(join(dir, 'cmp', 'train_history-loss.svg'), 'utf8');
  expect(loss.match(/aria-roledescription="line mark"/g)?.length).toBe(4); // 2 experiments × (loss, val_loss)
  expect(loss).toContain('>lr-0.01</text>');
  expect(loss).toContain('>lr-0.001</text>');
  expect(loss).toContain('>experiment</text>'); // legend title
  const colours = new Set([...loss.matchAll(/aria-roledescription="line mark" d="[^"]*" stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
  expect(colours.size).toBe(2);
  const cm = readFileSync(join(dir, 'cmp', 'confusion.svg'), 'utf8');
  expect(cm.match(/aria-roledescription="rect mark"/g)?.length).toBe(18); // one 3×3 matrix per experiment
  const html = readFileSync(join(dir, 'cmp', 'index.html'), 'utf8');
  expect(html).toContain('<title>pipe plots diff: lr-0.01 vs lr-0.001</title>');
});

test('a git revision against the workspace (the default B)', () => {
  writeFiles(dir, { 'metrics/train_history.json': history(2, 3) });
  const r = pipe(dir, 'plots', 'diff', 'HEAD', '-o', 'cmp2');
  expect(r.code).toBe(0);
  const acc = readFileSync(join(dir, 'cmp2', 'train_history-accuracy.svg'), 'utf8');
  expect(acc).toContain('>HEAD</text>');
  expect(acc).toContain('>workspace</text>');
  expect(acc.match(/aria-roledescription="line mark"/g)?.length).toBe(4);
});
