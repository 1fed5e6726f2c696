// `pipe exp remove --failed`: every record of a run with a failed stage (those `exp show` marks
// `(failed)`), oldest first, after any named; with none, it says so and removes nothing.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let ok: string;
let diverged: string;
let nan: string;
let ok2: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  ok = await recordWith(dir, { 'params.yaml': 'lr: 0.1\n', 'm.json': { loss: 1 } }, { name: 'ok', at: '2026-11-29T01:00:00Z' });
  diverged = await recordWith(dir, { 'params.yaml': 'lr: 9\n' }, { name: 'diverged', at: '2026-11-29T02:00:00Z', outcome: 'failed' });
  nan = await recordWith(dir, { 'params.yaml': 'lr: 7\n' }, { at: '2026-11-29T03:00:00Z', outcome: 'failed' });
  ok2 = await recordWith(dir, { 'params.yaml': 'lr: 0.2\n', 'm.json': { loss: 0.5 } }, { name: 'ok2', at: '2026-11-29T04:00:00Z' });
});
afterEach(() => cleanup());

const files = () => readdirSync(join(dir, 'metrics/experiments')).sort();
const rec = (id: string) => `metrics/experiments/${id}.json`;

test('--failed removes every failed run, after the experiments named; one named and failed goes once', () => {
  expect(pipe(dir, 'exp', 'remove', '--failed', '-n').stdout).toBe(`would remove diverged (${rec(diverged)})\nwould remove ${nan} (${rec(nan)})\n`);
  const r = pipe(dir, 'exp', 'remove', 'ok2', '--failed', 'diverged');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `removed ok2 (${rec(ok2)})\nremoved diverged (${rec(diverged)})\nremoved ${nan} (${rec(nan)})\n`, '']);
  expect(files()).toEqual([`${ok}.json`]);
  expect(pipe(dir, 'exp', 'show').stdout).toBe('Experiment  Created           loss  lr\nok          2026-11-29 01:00  1     0.1\n');
});

test('--failed with an unknown name: exit 2, not a failed run removed; with no failed run left: a note, exit 0', () => {
  const before = files();
  const unknown = pipe(dir, 'exp', 'remove', '--failed', 'divergd');
  expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', "error: no experiment with id or name 'divergd'; did you mean 'diverged'?\nhint: list them with `pipe exp show`\n"]);
  expect(files()).toEqual(before);
  expect(pipe(dir, 'exp', 'remove', '--failed').code).toBe(0);
  const none = pipe(dir, 'exp', 'remove', '--failed');
  expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'note: no recorded experiment failed or was interrupted: nothing to remove\n']);
  expect(files()).toEqual([ok, ok2].map((id) => `${id}.json`));
});
