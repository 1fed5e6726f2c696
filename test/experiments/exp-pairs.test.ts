// `pipe exp pairs COLUMN A:B ...`: each pair's values and B - A, then the mean difference, its
// standard error, t and two-sided p; ensembles paired network by network with --members; bad
// pairs, columns and experiments refused with what to do.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const record = (name: string, train: Record<string, unknown>, at: number, outcome?: 'failed') =>
  recordWith(dir, { 'params.yaml': `train:\n  lr: 0.01\n`, 'metrics/train.json': train }, {
    name,
    at: `2026-11-29T0${at}:00:00Z`,
    ...(outcome ? { outcome } : {}),
  });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pipe-exp-pairs-'));
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json]\n' });
  // three seeds, each run with and without a change; B - A = +0.01, +0.03, +0.02
  await record('base-s1', { val_loss: 1.2 }, 1);
  await record('new-s1', { val_loss: 1.21 }, 1);
  await record('base-s2', { val_loss: 1.25 }, 2);
  await record('new-s2', { val_loss: 1.28 }, 2);
  await record('base-s3', { val_loss: 1.3 }, 3);
  await record('new-s3', { val_loss: 1.32 }, 3);
  // two ensembles of two networks (the first network's numbers at the top, as train.json has them)
  const ens = (a: number, b: number) => ({ val_loss: a, members: [{ seed: 1, val_loss: a }, { seed: 2, val_loss: b }] });
  await record('ens-base', ens(1.1, 1.2), 4);
  await record('ens-new', ens(1.15, 1.3), 4);
  await record('no-loss', { accuracy: 0.5 }, 5);
  await record('broken', { val_loss: 1 }, 6, 'failed');
  await record('same-a', { val_loss: 1 }, 7);
  await record('same-b', { val_loss: 1.5 }, 7);
});
afterAll(() => cleanup());

test('the pairs, B - A, and the mean difference with its standard error, t and p', () => {
  const r = pipe(dir, 'exp', 'pairs', 'val_loss', 'base-s1:new-s1', 'base-s2:new-s2', 'base-s3:new-s3');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  // mean 0.02, sd 0.01, se 0.01 / sqrt(3); t = sqrt(12), and with 2 df p = 1 - sqrt(6/7)
  expect(r.stdout).toBe(
    [
      'A        B       val_loss A  val_loss B  B - A',
      'base-s1  new-s1  1.2         1.21        +0.01',
      'base-s2  new-s2  1.25        1.28        +0.03',
      'base-s3  new-s3  1.3         1.32        +0.02',
      '',
      'B - A over 3 pairs: mean +0.02, standard deviation 0.01, standard error 0.00577',
      't = 3.46 with 2 df, two-sided p = 0.074; B higher in 3 of 3, lower in 0',
      '',
    ].join('\n'),
  );
});

test('--md: the pairs as a Markdown table, the summary after it', () => {
  const r = pipe(dir, 'exp', 'pairs', '--md', 'val_loss', 'base-s1:new-s1', 'base-s2:new-s2');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      '| A | B | val_loss A | val_loss B | B - A |',
      '|---|---|---|---|---|',
      '| base-s1 | new-s1 | 1.2 | 1.21 | +0.01 |',
      '| base-s2 | new-s2 | 1.25 | 1.28 | +0.03 |',
      '',
      // differences 0.01 and 0.03: sd 0.01414, se 0.01, t = 2 with 1 df, p = 1 - 2 atan(2) / pi
      'B - A over 2 pairs: mean +0.02, standard deviation 0.01414, standard error 0.01',
      't = 2 with 1 df, two-sided p = 0.295; B higher in 2 of 2, lower in 0',
      '',
    ].join('\n'),
  );
});

test('--json: the same numbers at full precision; a reversed pair flips the sign and keeps p', () => {
  const r = pipe(dir, 'exp', 'pairs', '--json', 'val_loss', 'new-s1:base-s1', 'base-s2:new-s2', 'base-s3:new-s3');
  expect(r.code).toBe(0);
  const s = JSON.parse(r.stdout) as Record<string, unknown>;
  expect(s.column).toBe('val_loss');
  expect(s.df).toBe(2);
  expect(s.mean).toBeCloseTo(0.04 / 3, 12);
  expect(s.higher).toBe(2);
  expect(s.lower).toBe(1);
  const sd = Math.sqrt(((-0.01 - 0.04 / 3) ** 2 + (0.03 - 0.04 / 3) ** 2 + (0.02 - 0.04 / 3) ** 2) / 2);
  expect(s.sd).toBeCloseTo(sd, 12);
  const t = (0.04 / 3) / (sd / Math.sqrt(3));
  expect(s.t).toBeCloseTo(t, 9);
  expect(s.p).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 9);
  expect((s.pairs as { a: string; b: string; difference: number }[])[0]).toMatchObject({ a: 'new-s1', b: 'base-s1' });
});

test('--members pairs ensembles network by network; without it an ensemble is one pair', () => {
  const r = pipe(dir, 'exp', 'pairs', '--members', 'val_loss', 'ens-base:ens-new', 'base-s1:new-s1');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').slice(0, 4)).toEqual([
    'A            B           val_loss A  val_loss B  B - A',
    'ens-base #1  ens-new #1  1.1         1.15        +0.05',
    'ens-base #2  ens-new #2  1.2         1.3         +0.1',
    'base-s1      new-s1      1.2         1.21        +0.01',
  ]);
  expect(r.stdout).toContain('B - A over 3 pairs: mean +0.05333,');
  const one = pipe(dir, 'exp', 'pairs', 'val_loss', 'ens-base:ens-new', 'base-s1:new-s1');
  expect(one.code).toBe(0);
  expect(one.stdout).toContain('B - A over 2 pairs: mean +0.03,');
});

test('every difference the same: no t or p, said so', () => {
  const twice = pipe(dir, 'exp', 'pairs', 'val_loss', 'same-a:same-b', 'same-a:same-b');
  expect(twice.code).toBe(0);
  expect(twice.stdout.split('\n').slice(-3)).toEqual([
    'B - A over 2 pairs: mean +0.5, standard deviation 0, standard error 0',
    'every difference the same: no spread to test against; B higher in 2 of 2, lower in 0',
    '',
  ]);
  expect(JSON.parse(pipe(dir, 'exp', 'pairs', '--json', 'val_loss', 'same-a:same-b', 'same-a:same-b').stdout)).toMatchObject({ t: null, p: null });
});

test('refused: one pair, a pair without a colon, an unknown experiment or column (exit 2)', () => {
  const cases: [string[], string][] = [
    [['val_loss', 'base-s1:new-s1'], 'error: one pair given: a standard error needs at least two\nhint: name two or more pairs A:B, each the same run but for the setting compared\n'],
    [['val_loss', 'base-s1:new-s1', 'base-s2,new-s2'], "error: pair 'base-s2,new-s2' is not A:B\nhint: name each pair as two experiments joined by a colon, e.g. base-s42:change-s42\n"],
    [['val_loss', 'base-s1:new-s1', 'base-s2:new-s2:x'], "error: pair 'base-s2:new-s2:x' is not A:B\nhint: name each pair as two experiments joined by a colon, e.g. base-s42:change-s42\n"],
    [['val_loss', 'base-s1:new-s1', 'base-s2:new-s9'], "error: no experiment with id or name 'new-s9'; did you mean 'new-s1'?\nhint: list them with `pipe exp show`\n"],
    [['val_los', 'base-s1:new-s1', 'base-s2:new-s2'], "error: column 'val_los': no param or metric of that name in these experiments\nhint: `pipe exp show --all` lists the column names\n"],
  ];
  for (const [args, stderr] of cases) {
    const r = pipe(dir, 'exp', 'pairs', ...args);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
  }
});

test('refused: an experiment without the number, or whose run failed (exit 1)', () => {
  const missing = pipe(dir, 'exp', 'pairs', 'val_loss', 'base-s1:new-s1', 'base-s2:no-loss');
  expect(missing.stderr).toBe('error: no-loss has no number for val_loss\nhint: `pipe exp show no-loss --all` shows what it recorded\n');
  expect(missing.code).toBe(1);
  const failed = pipe(dir, 'exp', 'pairs', 'val_loss', 'broken:new-s1', 'base-s2:new-s2');
  expect(failed.stderr).toBe('error: broken: its run failed, so its metrics are not its own\nhint: pair runs that finished\n');
  expect(failed.code).toBe(1);
  expect(failed.stdout).toBe('');
});
