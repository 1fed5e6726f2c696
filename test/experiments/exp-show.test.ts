// `pipe exp show`: name/id, created, the main metrics, the params that differ; column selection
// (--only-changed, --keep, --drop, --all), sorting and the four renderings.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let unnamed: string;

const PARAMS = (lr: string, rbw: boolean) => `train:\n  lr: ${lr}\n  epochs: 5\n  restore_best_weights: ${rbw}\n`;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json, metrics/eval.json]\n' });
  const metrics = (acc: number, loss: number) => ({
    'metrics/train.json': { val_accuracy: acc, val_loss: loss, backend: 'wasm', per_class: { happy: acc } },
    'metrics/eval.json': { accuracy: acc - 0.01, test_size: 3589 },
  });
  await recordWith(dir, { 'params.yaml': PARAMS('0.01', true), ...metrics(0.21, 1.8) }, { name: 'lr-0.01', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('0.001', true), ...metrics(0.4512345, 1.5) }, { name: 'lr-0.001', at: '2026-11-29T02:00:00Z' });
  unnamed = await recordWith(dir, { 'params.yaml': PARAMS('0.001', false), ...metrics(0.43, 1.55) }, { at: '2026-11-29T03:30:00Z' });
});
afterAll(() => cleanup());

test('default table: every metric in file order (nested ones too, as DVC), the backend, changed params', () => {
  const r = pipe(dir, 'exp', 'show');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      `Experiment  ${' '.repeat(10)}Created           accuracy  test_size  val_accuracy  val_loss  per_class.happy  backend  train.lr  train.restore_best_weights`,
      `lr-0.01     ${' '.repeat(10)}2026-11-29 01:00  0.2       3589       0.21          1.8       0.21             wasm     0.01      true`,
      `lr-0.001    ${' '.repeat(10)}2026-11-29 02:00  0.44123   3589       0.45123       1.5       0.45123          wasm     0.001     true`,
      `${unnamed}  2026-11-29 03:30  0.42      3589       0.43          1.55      0.43             wasm     0.001     false`,
      '',
    ].join('\n'),
  );
});

test('--only-changed drops columns equal everywhere (backend too); --drop and --keep select columns; --all shows all', () => {
  const changed = pipe(dir, 'exp', 'show', '--only-changed', '--md');
  expect(changed.stdout.split('\n')[0]).toBe('| Experiment | Created | accuracy | val_accuracy | val_loss | per_class.happy | train.lr | train.restore_best_weights |');
  const dropped = pipe(dir, 'exp', 'show', '--drop', '^(train\\.|backend|per_class\\.|test_size)', '--csv');
  expect(dropped.stdout.split('\n')[0]).toBe('Experiment,Created,accuracy,val_accuracy,val_loss');
  // --keep brings back an unchanged param and shows only what matches
  const kept = pipe(dir, 'exp', 'show', '--keep', '^(train\\.epochs|val_loss)$', '--csv');
  expect(kept.stdout).toBe(
    [
      'Experiment,Created,val_loss,train.epochs',
      'lr-0.01,2026-11-29T01:00:00.000Z,1.8,5',
      'lr-0.001,2026-11-29T02:00:00.000Z,1.5,5',
      `${unnamed},2026-11-29T03:30:00.000Z,1.55,5`,
      '',
    ].join('\n'),
  );
  const all = pipe(dir, 'exp', 'show', '--all', '--csv');
  expect(all.stdout.split('\n')[0]).toBe(
    'Experiment,Created,accuracy,test_size,val_accuracy,val_loss,per_class.happy,backend,train.lr,train.epochs,train.restore_best_weights',
  );
});

test('--sort-by a metric (desc) and --json rows', () => {
  const r = pipe(dir, 'exp', 'show', '--sort-by', 'val_accuracy', '--sort-order', 'desc', '--json');
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout) as { id: string; name: string | null; params: Record<string, unknown>; metrics: Record<string, unknown> }[];
  expect(rows.map((x) => x.name)).toEqual(['lr-0.001', null, 'lr-0.01']);
  expect(rows[1]).toMatchObject({ id: unnamed, params: { 'train.lr': 0.001, 'train.restore_best_weights': false }, metrics: { val_accuracy: 0.43 } });
});

test('--sort-by an unknown column is refused with exit 2, listing the columns', () => {
  const r = pipe(dir, 'exp', 'show', '--sort-by', 'f1');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    'error: --sort-by f1: no such column\nhint: columns: accuracy, test_size, val_accuracy, val_loss, per_class.happy, backend, train.lr, train.epochs, train.restore_best_weights\n',
  );
});

test('named experiments only, in the order given; params compared among those alone', () => {
  const r = pipe(dir, 'exp', 'show', unnamed, 'lr-0.001', '--csv');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Experiment,Created,accuracy,test_size,val_accuracy,val_loss,per_class.happy,backend,train.restore_best_weights',
      `${unnamed},2026-11-29T03:30:00.000Z,0.42,3589,0.43,1.55,0.43,wasm,false`,
      'lr-0.001,2026-11-29T02:00:00.000Z,0.4412345,3589,0.4512345,1.5,0.4512345,wasm,true',
      '',
    ].join('\n'),
  );
  const missing = pipe(dir, 'exp', 'show', 'lr-0.001', 'lr-1');
  expect(missing.code).toBe(2);
  expect(missing.stdout).toBe('');
  expect(missing.stderr).toBe("error: no experiment with id or name 'lr-1'\nhint: list them with `pipe exp show`\n");
});
