// `pipe params diff` covers every params file a stage names, not only params.yaml: a
// `{other.yaml: [key]}` entry, and params.yaml in a stage's wdir; each file whole, under its own
// path, read at each git revision or from the experiment record.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PIPELINE = `stages:
  train:
    cmd: x
    params:
      - train.lr
      - other.yaml: [opt.lr]
      - late.yaml: [x]
  fit:
    cmd: y
    wdir: sub
    params: [k]
`;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, {
    'pipeline.yaml': PIPELINE,
    'params.yaml': 'train:\n  lr: 0.01\n',
    // opt.name is listed by no stage: the file is compared whole, as params.yaml is
    'other.yaml': 'opt:\n  lr: 0.1\n  betas: [0.9, 0.99]\n  name: adam\n',
    'sub/params.yaml': 'k: 1\n',
  });
  commitAll(dir, 'first');
  writeFiles(dir, {
    'other.yaml': 'opt:\n  lr: 0.2\n  betas: [0.9, 0.999]\n  name: sgd\n',
    'sub/params.yaml': 'k: 2\n',
    'late.yaml': 'x: 1\n',
  });
});
afterAll(() => cleanup());

test('HEAD against the workspace: each params file under its path; one not in HEAD is noted', () => {
  const r = pipe(dir, 'params', 'diff');
  expect(r.stderr).toBe('note: late.yaml: missing in HEAD\n');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path             Param      HEAD         workspace     Change',
      'late.yaml        x          -            1',
      'other.yaml       opt.betas  [0.9, 0.99]  [0.9, 0.999]',
      'other.yaml       opt.lr     0.1          0.2           +0.1',
      'other.yaml       opt.name   adam         sgd',
      'sub/params.yaml  k          1            2             +1',
      '',
    ].join('\n'),
  );
});

test('experiments: the record holds the other files; one recorded before it says so', async () => {
  const old = await recordWith(dir, { 'other.yaml': 'opt:\n  lr: 0.3\n' }, { name: 'old', at: '2026-11-29T01:00:00Z' });
  // as the 95 records written before other_params existed: params.yaml's data alone
  const path = join(dir, 'metrics/experiments', `${old}.json`);
  const rec = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete rec.other_params;
  writeFileSync(path, JSON.stringify(rec));
  await recordWith(dir, { 'other.yaml': 'opt:\n  lr: 0.4\n', 'sub/params.yaml': 'k: 3\n' }, { name: 'new', at: '2026-11-29T02:00:00Z' });

  const r = pipe(dir, 'params', 'diff', 'old', 'new');
  expect(r.stderr).toBe(
    [
      'note: late.yaml: not in old (its record, from an older pipe, holds params.yaml alone)',
      'note: other.yaml: not in old (its record, from an older pipe, holds params.yaml alone)',
      'note: sub/params.yaml: not in old (its record, from an older pipe, holds params.yaml alone)',
      '',
    ].join('\n'),
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Path             Param   old  new  Change',
      'late.yaml        x       -    1',
      'other.yaml       opt.lr  -    0.4',
      'sub/params.yaml  k       -    3',
      '',
    ].join('\n'),
  );

  const json = pipe(dir, 'params', 'diff', 'HEAD', 'new', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({
    'late.yaml': { x: { old: null, new: 1 } },
    'other.yaml': {
      'opt.betas': { old: [0.9, 0.99], new: null },
      'opt.lr': { old: 0.1, new: 0.4, diff: 0.3 },
      'opt.name': { old: 'adam', new: null },
    },
    'sub/params.yaml': { k: { old: 1, new: 3, diff: 2 } },
  });
});
