// Experiment names in plots diff are shown whole, in the legend and in the confusion headers:
// Vega's default cut at 160 px turned `official-sharp3-16ep` and `official-sharp3-30ep` into the
// same `official-sharp3-…`.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe } from '../experiments/helpers.js';
import { projectWithTwoRecords } from './fixtures.js';

const A = 'official-sharp3-16ep-cosine-flip-shift2-per-image';
const B = 'official-sharp3-30ep-cosine-flip-shift2-per-image';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = await projectWithTwoRecords('pipe-plots-long-', A, B));
});
afterAll(() => cleanup());

test('a 50-character experiment name is in the legend whole, without an ellipsis', () => {
  const r = pipe(dir, 'plots', 'diff', A, B, '-o', 'cmp');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const loss = readFileSync(join(dir, 'cmp', 'train_history-loss.svg'), 'utf8');
  expect(loss).toContain(`>${A}</text>`);
  expect(loss).toContain(`>${B}</text>`);
  expect(loss).not.toContain('…');
  const cm = readFileSync(join(dir, 'cmp', 'confusion.svg'), 'utf8');
  expect(cm).toContain(`>${A}</text>`);
  expect(cm).toContain(`>${B}</text>`);
  expect(cm).not.toContain('…');
});
