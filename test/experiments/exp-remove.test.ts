// `pipe exp remove <experiment...>`: deletes the records named (ids, names or unique id
// prefixes, resolved as `exp show` resolves them), one line each; every reference is checked
// before anything goes, so one unknown reference removes nothing. `-n` says what would go.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let base: string;
let lrOld: string;
let unnamed: string;
let lr001: string;
let lrNew: string;

const LOCK = "schema: '1'\nstages: {}\n";
const CACHE_NOTE = (whose: 'its' | 'their') =>
  `note: the cache keeps ${whose} outputs until \`pipe gc\`, which now keeps them only where pipeline.lock or another record refers to them\n`;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  // recorded before there is a pipeline.lock: a record whose pipeline_lock is null
  base = await recordWith(dir, { 'params.yaml': 'lr: 0.1\n', 'm.json': { loss: 1 } }, { name: 'base', at: '2026-11-29T01:00:00Z' });
  writeFiles(dir, { 'pipeline.lock': LOCK });
  lrOld = await recordWith(dir, { 'params.yaml': 'lr: 0.01\n', 'm.json': { loss: 0.9 } }, { name: 'lr-0.01', at: '2026-11-29T02:00:00Z' });
  unnamed = await recordWith(dir, { 'params.yaml': 'lr: 0.02\n', 'm.json': { loss: 0.8 } }, { at: '2026-11-29T03:00:00Z' });
  lr001 = await recordWith(dir, { 'params.yaml': 'lr: 0.001\n', 'm.json': { loss: 0.7 } }, { name: 'lr-0.001', at: '2026-11-29T04:00:00Z' });
  lrNew = await recordWith(dir, { 'params.yaml': 'lr: 0.01\n', 'm.json': { loss: 0.6 } }, { name: 'lr-0.01', at: '2026-11-30T05:00:00Z' });
});
afterEach(() => cleanup());

const files = () => readdirSync(join(dir, 'metrics/experiments')).sort();
const shown = () => (JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { id: string }[]).map((r) => r.id);
const rec = (id: string) => `metrics/experiments/${id}.json`;

test('removes the records named (a name, an id, an id prefix), one line each in the order named', () => {
  const r = pipe(dir, 'exp', 'remove', 'lr-0.001', unnamed, lrOld.slice(0, 12));
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `removed lr-0.001 (${rec(lr001)})\nremoved ${unnamed} (${rec(unnamed)})\nremoved lr-0.01 (${rec(lrOld)})\n`,
    `note: 'lr-0.01' now names ${lrNew} alone, the one record of that name left\n${CACHE_NOTE('their')}`,
  ]);
  expect(files()).toEqual([`${base}.json`, `${lrNew}.json`]);
  expect(shown()).toEqual([base, lrNew]);
});

test('one unknown reference: exit 2, nothing removed, the name spelled closest suggested', () => {
  const before = files();
  const near = pipe(dir, 'exp', 'remove', 'base', 'lr-0.0001');
  expect([near.code, near.stdout, near.stderr]).toEqual([
    2,
    '',
    "error: no experiment with id or name 'lr-0.0001'; did you mean 'lr-0.001'?\nhint: list them with `pipe exp show`\n",
  ]);
  // a name cut short suggests the one name it starts
  expect(pipe(dir, 'exp', 'remove', 'ba').stderr).toBe("error: no experiment with id or name 'ba'; did you mean 'base'?\nhint: list them with `pipe exp show`\n");
  const far = pipe(dir, 'exp', 'remove', 'zzz', 'base');
  expect([far.code, far.stdout, far.stderr]).toEqual([2, '', "error: no experiment with id or name 'zzz'\nhint: list them with `pipe exp show`\n"]);
  expect(files()).toEqual(before);
});

test('an id prefix that starts several ids is refused (exit 2), naming them; nothing removed', () => {
  const before = files();
  const r = pipe(dir, 'exp', 'remove', '20261129');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: '20261129' starts the ids of 4 experiments (${base}, ${lrOld}, ${unnamed}, ...)\nhint: give more of the id, or the name\n`,
  ]);
  expect(files()).toEqual(before);
});

test('nothing named and no --failed: exit 2', () => {
  const r = pipe(dir, 'exp', 'remove');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: name the experiments to remove, or pass --failed or --all\nhint: list them with `pipe exp show`\n']);
  expect(files()).toHaveLength(5);
});

test('-n/--dry-run says what would be removed and removes nothing', () => {
  const before = files();
  for (const flag of ['-n', '--dry-run']) {
    const r = pipe(dir, 'exp', 'remove', flag, 'base', lrNew);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `would remove base (${rec(base)})\nwould remove lr-0.01 (${rec(lrNew)})\n`, '']);
  }
  expect(files()).toEqual(before);
});

test('a name two records hold is refused (exit 2, both listed); a record named twice goes once; then the name names the other, and says so', () => {
  const ambiguous = pipe(dir, 'exp', 'remove', 'lr-0.01');
  expect([ambiguous.code, ambiguous.stdout, ambiguous.stderr]).toEqual([
    2,
    '',
    `error: experiment name 'lr-0.01' is ambiguous: 2 experiments have it: ${lrOld} (created 2026-11-29T02:00:00.000Z), ${lrNew} (created 2026-11-30T05:00:00.000Z)\nhint: name the one you mean by its id\n`,
  ]);
  const r = pipe(dir, 'exp', 'remove', lrNew.slice(0, 12), lrNew);
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `removed lr-0.01 (${rec(lrNew)})\n`,
    `note: 'lr-0.01' now names ${lrOld} alone, the one record of that name left\n${CACHE_NOTE('its')}`,
  ]);
  expect((JSON.parse(pipe(dir, 'exp', 'show', 'lr-0.01', '--json').stdout) as { id: string }[]).map((x) => x.id)).toEqual([lrOld]);
  // another name's record removed by id: nothing to say of it
  const again = pipe(dir, 'exp', 'remove', lr001);
  expect(again.stderr).toBe(CACHE_NOTE('its'));
});

test('a record file renamed by hand is deleted under its own name; one without a pipeline.lock keeps nothing in the cache', () => {
  renameSync(join(dir, rec(base)), join(dir, 'metrics/experiments/baseline-copy.json'));
  const r = pipe(dir, 'exp', 'remove', 'base');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'removed base (metrics/experiments/baseline-copy.json)\n', '']);
  expect(files()).toEqual([lrOld, unnamed, lr001, lrNew].map((id) => `${id}.json`));
});
