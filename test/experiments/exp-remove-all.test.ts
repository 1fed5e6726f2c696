// `pipe exp remove --all` (DVC's `-A/--all`): every record, asking nothing; `-n` with it says
// which would go and deletes nothing; a name or --failed beside it is refused (exit 2).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let a: string;
let b: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  a = await recordWith(dir, { 'params.yaml': 'lr: 0.1\n', 'm.json': { loss: 1 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  b = await recordWith(dir, { 'params.yaml': 'lr: 0.2\n', 'm.json': { loss: 0.5 } }, { at: '2026-11-29T02:00:00Z' });
});
afterEach(() => cleanup());

const files = () => readdirSync(join(dir, 'metrics/experiments')).sort();

test('-n --all says which would go; --all removes them all', () => {
  const dry = pipe(dir, 'exp', 'remove', '--all', '-n');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `would remove a (metrics/experiments/${a}.json)\nwould remove ${b} (metrics/experiments/${b}.json)\n`, '']);
  expect(files()).toEqual([`${a}.json`, `${b}.json`]);
  const r = pipe(dir, 'exp', 'remove', '-A');
  expect([r.code, r.stdout]).toEqual([0, `removed a (metrics/experiments/${a}.json)\nremoved ${b} (metrics/experiments/${b}.json)\n`]);
  expect(files()).toEqual([]);
  const again = pipe(dir, 'exp', 'remove', '--all');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, '', 'note: no experiments recorded: nothing to remove\n']);
});

test('--all with a name or --failed: refused, nothing removed', () => {
  for (const extra of [['a'], ['--failed']]) {
    const r = pipe(dir, 'exp', 'remove', '--all', ...extra);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: --all removes every experiment: name none, and no --failed, with it\nhint: `pipe exp remove --all -n` says which would go\n']);
  }
  expect(existsSync(join(dir, 'metrics/experiments', `${a}.json`))).toBe(true);
  expect(files()).toHaveLength(2);
});
