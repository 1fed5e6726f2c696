// Two plots files with one file name in different folders (`a/h.json`, `b/h.json`, or files of a
// plots folder) each get charts of their own, named by their paths; they shared one file before.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, writeFiles } from '../experiments/helpers.js';
import { history } from './fixtures.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('pipe-same-names-'));
  const loss = (scale: number) => JSON.stringify(history(3, scale).map(({ epoch, loss }) => ({ epoch, loss })));
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  t:\n    cmd: x\n    plots: [a/h.json, b/h.json, c.json]\n',
    'a/h.json': loss(1),
    'b/h.json': loss(3),
    'c.json': loss(2),
  });
});
afterAll(() => cleanup());

test('a/h.json and b/h.json: a_h-loss and b_h-loss; c.json keeps its short name', () => {
  const r = pipe(dir, 'plots', 'show');
  expect([r.code, r.stderr, r.stdout]).toEqual([0, '', `wrote ${join(dir, 'plots')}/index.html (3 charts; an SVG and a PNG each in ${join(dir, 'plots')})\n`]);
  expect(readdirSync(join(dir, 'plots')).sort()).toEqual(['a_h-loss.png', 'a_h-loss.svg', 'b_h-loss.png', 'b_h-loss.svg', 'c-loss.png', 'c-loss.svg', 'index.html']);
  expect(readFileSync(join(dir, 'plots/a_h-loss.svg'), 'utf8')).not.toBe(readFileSync(join(dir, 'plots/b_h-loss.svg'), 'utf8'));
});
