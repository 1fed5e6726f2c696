// `pipe exp plot X Y`: one point per recorded experiment, named beside it, coloured by a column;
// experiments without numbers (or whose run failed) left out with a note; bad names refused.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PARAMS = (lr: string, optimizer: string) => `train:\n  lr: ${lr}\n  optimizer: ${optimizer}\n`;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pipe-exp-plot-'));
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json, metrics/eval.json]\n' });
  const run = (seconds: number, acc: number | null) => ({
    'metrics/train.json': { train_seconds: seconds, accuracy: acc === null ? 0.9 : acc + 0.1 },
    'metrics/eval.json': acc === null ? { loss: 1 } : { accuracy: acc },
  });
  await recordWith(dir, { 'params.yaml': PARAMS('0.01', 'adam'), ...run(600, 0.31) }, { name: 'short', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('0.001', 'adam'), ...run(3000, 0.52) }, { name: 'long', at: '2026-11-29T02:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('0.0001', 'sgd'), ...run(1800, 0.44) }, { name: 'sgd', at: '2026-11-29T03:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('0.001', 'adam'), ...run(900, null) }, { name: 'no-eval', at: '2026-11-29T04:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('0.001', 'adam'), ...run(100, 0.2) }, { name: 'broken', at: '2026-11-29T05:00:00Z', outcome: 'failed' });
});
afterAll(() => cleanup());

const CHART = 'exp-eval_accuracy-train_seconds';

test('one point per experiment with numbers, each named; the others left out with a note', () => {
  const r = pipe(dir, 'exp', 'plot', 'train_seconds', 'eval:accuracy', '--color', 'train.optimizer', '-o', 'out');
  const out = join(dir, 'out');
  expect(r.stderr).toBe('note: no-eval: left out, no number for eval:accuracy\nnote: broken: left out, its run failed\n');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`wrote ${out}/index.html (1 chart; an SVG and a PNG each in ${out})\n`);
  expect(readdirSync(out).sort()).toEqual([`${CHART}.png`, `${CHART}.svg`, 'index.html']);
  const svg = readFileSync(join(out, `${CHART}.svg`), 'utf8');
  expect(svg.match(/aria-roledescription="point"/g)?.length).toBe(3);
  for (const name of ['short', 'long', 'sgd']) expect(svg).toContain(`>${name}</text>`);
  expect(svg).not.toContain('>no-eval</text>');
  expect(svg).toContain('>eval:accuracy against train_seconds</text>'); // default title
  expect(svg).toContain('>train.optimizer</text>'); // legend title
  // a hover over a point shows what it is (a static SVG has no Vega tooltips: a <title> each)
  expect(svg).toContain('<title>long: train_seconds 3000, eval:accuracy 0.52 (train.optimizer adam)</title>');
  expect(svg.match(/aria-roledescription="point"[^>]*><title>[^<]+<\/title><\/path>/g)?.length).toBe(3);
  // the points' colours: two optimizers, two colours
  const fills = new Set([...svg.matchAll(/aria-roledescription="point"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
  expect(fills.size).toBe(2);
});

test('named experiments only; a param on an axis; a title of its own', () => {
  // both files have `accuracy`, so `exp show` names them eval:accuracy and train:accuracy; the
  // bare key is refused, naming both, as `exp show --sort-by` refuses it
  const bare = pipe(dir, 'exp', 'plot', 'train.lr', 'accuracy', 'long', 'sgd');
  expect([bare.code, bare.stdout, bare.stderr]).toEqual([2, '', 'error: y accuracy: 2 columns answer to that name: eval:accuracy, train:accuracy\nhint: name one as shown\n']);
  const r = pipe(dir, 'exp', 'plot', 'train.lr', 'eval:accuracy', 'long', 'sgd', '--title', 'lr and accuracy', '-o', 'named');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const svg = readFileSync(join(dir, 'named', 'exp-eval_accuracy-train.lr.svg'), 'utf8');
  expect(svg.match(/aria-roledescription="point"/g)?.length).toBe(2);
  expect(svg).toContain('>lr and accuracy</text>');
  expect(svg).not.toContain('>short</text>');
});

test('a column that does not exist: exit 2, nothing written', () => {
  const r = pipe(dir, 'exp', 'plot', 'train_seconds', 'val_acc', '-o', 'bad');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe("error: y 'val_acc': no param or metric of that name in the recorded experiments\nhint: `pipe exp show --all` lists the column names\n");
  expect(readdirSync(dir)).not.toContain('bad');
  const color = pipe(dir, 'exp', 'plot', 'train_seconds', 'eval:accuracy', '--color', 'optimiser');
  expect(color.code).toBe(2);
  expect(color.stderr).toBe("error: --color 'optimiser': no param or metric of that name in the recorded experiments\nhint: `pipe exp show --all` lists the column names\n");
});

test('no experiment with numbers in both columns: exit 1; an unknown experiment: exit 2', () => {
  const none = pipe(dir, 'exp', 'plot', 'train.optimizer', 'eval:accuracy', '-o', 'none');
  expect(none.code).toBe(1);
  expect(none.stderr).toBe(
    [
      // no per-experiment notes here: with every experiment left out they would only repeat the error
      'error: no experiment has a number for both train.optimizer and eval:accuracy',
      'hint: `pipe exp show --keep` with those names shows what each experiment recorded',
      '',
    ].join('\n'),
  );
  const unknown = pipe(dir, 'exp', 'plot', 'train_seconds', 'eval:accuracy', 'nope');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe("error: no experiment with id or name 'nope'\nhint: list them with `pipe exp show`\n");
});

test('no experiments recorded: exit 1 with what to do', () => {
  const empty = tempDir('pipe-exp-plot-empty-');
  try {
    writeFiles(empty.dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n' });
    const r = pipe(empty.dir, 'exp', 'plot', 'train_seconds', 'accuracy');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: no experiments recorded yet\nhint: `pipe repro` or `pipe exp run` records one\n');
  } finally {
    empty.cleanup();
  }
});
