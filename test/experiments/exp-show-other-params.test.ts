// `pipe exp show`: params from a params file other than params.yaml are columns named
// `<file>:<key>` (DVC's names; params.yaml's keys stay bare), chosen, kept and sorted like any
// param; a record from before they were kept shows `-` there.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    params: [train.lr, {other.yaml: [opt.lr]}]\n    metrics: [m.json]\n  fit:\n    cmd: y\n    wdir: sub\n    params: [k]\n',
    'sub/params.yaml': 'k: 1\n',
  });
  const files = (lr: number, optLr: number, betas: string, acc: number) => ({
    'params.yaml': `train:\n  lr: ${lr}\n`,
    'other.yaml': `opt:\n  lr: ${optLr}\n  betas: ${betas}\n`,
    'm.json': { accuracy: acc },
  });
  const old = await recordWith(dir, files(0.01, 0.5, '[0.9, 0.99]', 0.4), { name: 'old', at: '2026-11-29T01:00:00Z' });
  // as a record written before other_params existed
  const path = join(dir, 'metrics/experiments', `${old}.json`);
  const rec = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete rec.other_params;
  writeFileSync(path, JSON.stringify(rec));
  await recordWith(dir, files(0.01, 0.1, '[0.9, 0.99]', 0.5), { name: 'a', at: '2026-11-29T02:00:00Z' });
  await recordWith(dir, { ...files(0.001, 0.2, '[0.9, 0.999]', 0.52), 'sub/params.yaml': 'k: 2\n' }, { name: 'b', at: '2026-11-29T03:00:00Z' });
});
afterAll(() => cleanup());

test('the params that differ, from every params file, prefixed by the file unless it is params.yaml', () => {
  const r = pipe(dir, 'exp', 'show');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Experiment  Created           accuracy  train.lr  other.yaml:opt.lr  other.yaml:opt.betas  sub/params.yaml:k',
      'old         2026-11-29 01:00  0.4       0.01      -                  -                     -',
      'a           2026-11-29 02:00  0.5       0.01      0.1                [0.9, 0.99]           1',
      'b           2026-11-29 03:00  0.52      0.001     0.2                [0.9, 0.999]          2',
      '',
    ].join('\n'),
  );
});

test('--keep and --sort-by take the prefixed names; --json has them as keys', () => {
  const r = pipe(dir, 'exp', 'show', 'a', 'b', '--keep', '^other\\.yaml:', '--sort-by', 'other.yaml:opt.lr', '--sort-order', 'desc', '--csv');
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(
    [
      'Experiment,Created,other.yaml:opt.lr,other.yaml:opt.betas',
      'b,2026-11-29T03:00:00.000Z,0.2,"[0.9, 0.999]"',
      'a,2026-11-29T02:00:00.000Z,0.1,"[0.9, 0.99]"',
      '',
    ].join('\n'),
  );
  const json = pipe(dir, 'exp', 'show', 'b', '--keep', ':', '--json');
  const rows = JSON.parse(json.stdout) as { params: Record<string, unknown> }[];
  expect(rows.map((x) => x.params)).toEqual([{ 'other.yaml:opt.lr': 0.2, 'other.yaml:opt.betas': [0.9, 0.999], 'sub/params.yaml:k': 2 }]);
});
