// `pipe exp show`: a list param is one column (`train.filters`), its value the whole list
// (`[32, 64, 128]`), chosen, kept, dropped and sorted by that one name; the old name of an item
// (`train.filters.0`) given to --keep/--drop is explained rather than silently matching nothing.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PARAMS = (filters: string, seeds: string) => `train:\n  lr: 0.001\n  filters: ${filters}\n  shape: [48, 48, 1]\n  seeds: ${seeds}\n`;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  await recordWith(dir, { 'params.yaml': PARAMS('[32, 64, 128]', '[42]'), 'm.json': { accuracy: 0.5, confusion: [[1, 2], [3, 4]] } }, { name: 'base', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('[128, 256, 512]', '[42]'), 'm.json': { accuracy: 0.52, confusion: [[1, 2], [3, 4]] } }, { name: 'wide', at: '2026-11-29T02:00:00Z' });
  await recordWith(dir, { 'params.yaml': PARAMS('[32, 64, 128]', '[42, 1042]'), 'm.json': { accuracy: 0.51, confusion: [[1, 2], [3, 4]] } }, { name: 'ens2', at: '2026-11-29T03:00:00Z' });
});
afterAll(() => cleanup());

test('the lists that differ are one column each; an equal list is no column', () => {
  const r = pipe(dir, 'exp', 'show');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Experiment  Created           accuracy  confusion.0.0  confusion.0.1  confusion.1.0  confusion.1.1  train.filters    train.seeds',
      'base        2026-11-29 01:00  0.5       1              2              3              4              [32, 64, 128]    [42]',
      'wide        2026-11-29 02:00  0.52      1              2              3              4              [128, 256, 512]  [42]',
      'ens2        2026-11-29 03:00  0.51      1              2              3              4              [32, 64, 128]    [42, 1042]',
      '',
    ].join('\n'),
  );
});

test('--keep by the list name, --sort-by a list (item by item, by value: 128 after 32), --md and --csv', () => {
  const md = pipe(dir, 'exp', 'show', '--keep', '^train\\.(filters|shape)$', '--sort-by', 'train.filters', '--sort-order', 'desc', '--md');
  expect(md.stderr).toBe('');
  expect(md.stdout).toBe(
    [
      '| Experiment | Created | train.filters | train.shape |',
      '|---|---|---|---|',
      '| wide | 2026-11-29 02:00 | [128, 256, 512] | [48, 48, 1] |',
      '| base | 2026-11-29 01:00 | [32, 64, 128] | [48, 48, 1] |',
      '| ens2 | 2026-11-29 03:00 | [32, 64, 128] | [48, 48, 1] |',
      '',
    ].join('\n'),
  );
  const csv = pipe(dir, 'exp', 'show', 'base', 'ens2', '--only-changed', '--csv');
  expect(csv.stdout).toBe(
    [
      'Experiment,Created,accuracy,train.seeds',
      'base,2026-11-29T01:00:00.000Z,0.5,[42]',
      'ens2,2026-11-29T03:00:00.000Z,0.51,"[42, 1042]"',
      '',
    ].join('\n'),
  );
});

test('--json keeps the lists as arrays; --all shows every list param, metrics lists by index', () => {
  const json = pipe(dir, 'exp', 'show', 'wide', '--keep', 'filters|shape', '--json');
  expect(json.code).toBe(0);
  const rows = JSON.parse(json.stdout) as { params: Record<string, unknown> }[];
  expect(rows.map((x) => x.params)).toEqual([{ 'train.filters': [128, 256, 512], 'train.shape': [48, 48, 1] }]);
  const all = pipe(dir, 'exp', 'show', '--all', '--csv');
  expect(all.stdout.split('\n')[0]).toBe(
    'Experiment,Created,accuracy,confusion.0.0,confusion.0.1,confusion.1.0,confusion.1.1,train.lr,train.filters,train.shape,train.seeds',
  );
});

test("an item's old name in --keep shows its list, with a note; in --drop the list stays, with a note", () => {
  const kept = pipe(dir, 'exp', 'show', '--keep', '^train\\.filters\\.0$');
  expect(kept.code).toBe(0);
  expect(kept.stderr).toBe('note: --keep matched train.filters.0, an item of the list param train.filters: a list is one column, kept whole\n');
  expect(kept.stdout).toBe(
    [
      'Experiment  Created           train.filters',
      'base        2026-11-29 01:00  [32, 64, 128]',
      'wide        2026-11-29 02:00  [128, 256, 512]',
      'ens2        2026-11-29 03:00  [32, 64, 128]',
      '',
    ].join('\n'),
  );
  const dropped = pipe(dir, 'exp', 'show', '--only-changed', '--drop', 'train\\.seeds\\.1', '--csv');
  expect(dropped.code).toBe(0);
  expect(dropped.stderr).toBe('note: --drop matched train.seeds.1, an item of the list param train.seeds: a list is one column, left in whole\n');
  expect(dropped.stdout.split('\n')[0]).toBe('Experiment,Created,accuracy,train.filters,train.seeds');
});
