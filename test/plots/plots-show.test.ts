// `pipe plots show`: training curves and a confusion matrix from the declared plots files, as
// one self-contained HTML page plus a valid SVG and PNG per chart.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { pipe, pipeEnv, tempDir, writeFiles } from '../experiments/helpers.js';
import { CONFUSION, history, PLOTS_PIPELINE } from './fixtures.js';

let dir: string;
let cleanup: () => void;
let result: ReturnType<typeof pipe>;

const CHARTS = ['confusion', 'train_history-accuracy', 'train_history-loss', 'train_history-lr'];

beforeAll(() => {
  ({ dir, cleanup } = tempDir('pipe-plots-'));
  writeFiles(dir, {
    'pipeline.yaml': PLOTS_PIPELINE,
    'metrics/train_history.json': history(6),
    'metrics/confusion.json': CONFUSION,
  });
  result = pipe(dir, 'plots', 'show', '--out', 'out');
});
afterAll(() => cleanup());

test('writes one HTML page and an SVG + PNG per chart, and says where', () => {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const out = join(dir, 'out');
  expect(result.stdout).toBe(`wrote ${out}/index.html (4 charts; an SVG and a PNG each in ${out})\n`);
  expect(readdirSync(out).sort()).toEqual([...CHARTS.flatMap((c) => [`${c}.png`, `${c}.svg`]), 'index.html'].sort());
});

test('each PNG has the PNG signature and real size; each SVG parses', () => {
  for (const c of CHARTS) {
    const png = readFileSync(join(dir, 'out', `${c}.png`));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(300); // width from the IHDR chunk
    const svg = readFileSync(join(dir, 'out', `${c}.svg`), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    const parsed = new Resvg(svg); // throws on malformed SVG
    expect(parsed.width).toBeGreaterThan(300);
  }
});

test('the curves carry both series; the confusion matrix is row-normalised with counts', () => {
  const loss = readFileSync(join(dir, 'out', 'train_history-loss.svg'), 'utf8');
  expect(loss).toContain('loss &amp; val_loss per epoch');
  expect(loss).toContain('>val_loss</text>'); // legend entry
  expect(loss.match(/aria-roledescription="line mark"/g)?.length).toBe(2); // loss, val_loss
  const lr = readFileSync(join(dir, 'out', 'train_history-lr.svg'), 'utf8');
  expect(lr).toContain('learning rate per epoch');
  const cm = readFileSync(join(dir, 'out', 'confusion.svg'), 'utf8');
  expect(cm).toContain('Confusion on the test split');
  // happy row: 8 of 10 → 80%; sad row: 1 of 4 → 25%; angry→angry 5 of 5 → 100%
  expect(cm).toContain('<tspan>8</tspan><tspan x="0" dy="');
  for (const pct of ['80%', '20%', '25%', '75%', '100%']) expect(cm).toContain(`>${pct}</tspan>`);
  expect(cm.match(/aria-roledescription="rect mark"/g)?.length).toBe(9); // 3 classes × 3
  // each cell says what it is on hover: its description as a <title>
  expect(cm.match(/aria-roledescription="rect mark"[^>]*><title>[^<]*predicted: [a-z]+[^<]*<\/title>/g)?.length).toBe(9);
});

test('the HTML page is self-contained and inlines every chart', () => {
  const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html.match(/<svg /g)?.length).toBe(4);
  expect(html.match(/<figure id="/g)?.length).toBe(4);
  expect(html).not.toMatch(/<script|src="http|href="http/);
});

test('no plots data at all: exit 1 with a hint', () => {
  const { dir: empty, cleanup: done } = tempDir('pipe-plots-');
  try {
    writeFiles(empty, { 'pipeline.yaml': PLOTS_PIPELINE });
    const r = pipe(empty, 'plots', 'show');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'note: metrics/confusion.json: missing in workspace\nnote: metrics/train_history.json: missing in workspace\n' +
        'error: no plots data to draw\nhint: run `pipe repro` to produce the plots files declared in pipeline.yaml\n',
    );
  } finally {
    done();
  }
});

test('no plots declared: that is the one error (no hint to run repro)', () => {
  const { dir: none, cleanup: done } = tempDir('pipe-plots-');
  try {
    writeFiles(none, { 'pipeline.yaml': 'stages:\n  a:\n    cmd: x\n    metrics: [m.json]\n' });
    const r = pipe(none, 'plots', 'show');
    expect([r.code, r.stderr]).toEqual([1, 'error: pipeline.yaml declares no plots files\nhint: add `plots:` to the stage that writes them\n']);
  } finally {
    done();
  }
});

test('--open without a browser opener prints the page path; default folder is plots/ in the project root', () => {
  // PATH without xdg-open (node is started by absolute path)
  const r = pipeEnv(join(dir, 'metrics'), { PATH: '/nonexistent' }, 'plots', 'show', '--open');
  expect(r.code).toBe(0);
  const html = join(dir, 'plots', 'index.html');
  expect(r.stdout).toBe(`wrote ${html} (4 charts; an SVG and a PNG each in ${join(dir, 'plots')})\nno browser opener (xdg-open) found: open ${html}\n`);
});

test('an output folder that cannot be created (a file above it): exit 2, a usage error, naming it', () => {
  writeFiles(dir, { 'not-a-dir': 'x' });
  const r = pipe(dir, 'plots', 'show', '--out', 'not-a-dir/plots');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `error: ${join(dir, 'not-a-dir/plots')}: cannot write the plots: ENOTDIR: not a directory, mkdir '${join(dir, 'not-a-dir/plots')}'\nhint: choose another folder with --out\n`,
  );
});
