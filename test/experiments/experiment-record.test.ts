// The experiment record written after a repro that ran or restored a stage: schema fields,
// git state, params as data, flattened metrics, plots rows, stage outcomes, backend.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { recordExperiment } from '../../src/experiments/record.js';
import { commitAll, git, gitInit, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PIPELINE = `stages:
  train:
    cmd: node train.js
    metrics: [metrics/train.json, metrics/absent.json, {metrics/small.json: {cache: false}}]
    plots: [metrics/history.json]
`;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // git must not find a repository above the temp dir (git: null means "outside any repository")
  process.env.GIT_CEILING_DIRECTORIES = dirname(dir);
  writeFiles(dir, {
    'pipeline.yaml': PIPELINE,
    'params.yaml': '# comment\ntrain:\n  lr: 0.001\n  epochs: 3\n',
    'metrics/train.json': { val_accuracy: 0.5, backend: 'wasm', nested: { a: { b: 1 } } },
    'metrics/history.json': [{ epoch: 1, loss: 2 }, { epoch: 2, loss: 1 }],
    'metrics/small.json': '{"f1":0.5}',
    'pipeline.lock': "schema: '1'\nstages: {}\n",
  });
});
afterEach(() => cleanup());

test('a run writes metrics/experiments/<id>.json with every field', async () => {
  const id = await recordExperiment({
    root: dir,
    name: 'lr-small',
    stages: [
      { name: 'prepare', outcome: 'up-to-date', durationMs: 0 },
      { name: 'train', outcome: 'ran', durationMs: 1500.6 },
    ],
    staleStages: [],
    now: new Date('2026-11-29T05:15:07.000Z'),
  });
  expect(id).toMatch(/^20261129-051507-[0-9a-f]{4}$/);
  expect(readdirSync(join(dir, 'metrics/experiments'))).toEqual([`${id}.json`]); // no temp file left
  const rec = JSON.parse(readFileSync(join(dir, 'metrics/experiments', `${id}.json`), 'utf8'));
  expect(rec).toEqual({
    schema_version: 1,
    id,
    name: 'lr-small',
    created: '2026-11-29T05:15:07.000Z',
    git: null,
    pipe_version: JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    backend: 'wasm',
    params: { train: { lr: 0.001, epochs: 3 } },
    other_params: {}, // no stage names a params file other than params.yaml
    metrics: {
      'metrics/train.json': { val_accuracy: 0.5, backend: 'wasm', 'nested.a.b': 1 },
      'metrics/absent.json': null,
      'metrics/small.json': { f1: 0.5 },
    },
    plots: { 'metrics/history.json': [{ epoch: 1, loss: 2 }, { epoch: 2, loss: 1 }] },
    stages: [
      { name: 'prepare', outcome: 'up-to-date', duration_ms: 0 },
      { name: 'train', outcome: 'ran', duration_ms: 1501 },
    ],
    stale_stages: [],
    pipeline_lock: "schema: '1'\nstages: {}\n",
    uncached_outs: { 'metrics/small.json': '{"f1":0.5}' }, // byte for byte: exp apply writes it back
  });
});

test('inside git the record carries HEAD, whether tracked files changed, and which', async () => {
  gitInit(dir);
  commitAll(dir, 'base');
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  const clean = await recordExperiment({ root: dir, stages: [{ name: 'train', outcome: 'restored', durationMs: 3 }] });
  writeFiles(dir, { 'params.yaml': 'train:\n  lr: 0.01\n  epochs: 3\n' });
  const dirty = await recordExperiment({ root: dir, stages: [{ name: 'train', outcome: 'ran', durationMs: 3 }] });
  const read = (id: string | undefined) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', `${id}.json`), 'utf8'));
  expect(read(clean).git).toEqual({ rev: head, dirty: false, changed: [] });
  expect(read(dirty).git).toEqual({ rev: head, dirty: true, changed: ['params.yaml'] });
  expect(read(clean).name).toBeNull();
});

test('when the engine could not tell which stages are stale, stale_stages is left out (unknown)', async () => {
  // a failed stage's metrics are still not credited to the run, but the list would be incomplete
  const id = await recordExperiment({
    root: dir,
    stages: [{ name: 'prepare', outcome: 'ran', durationMs: 2 }, { name: 'train', outcome: 'failed', durationMs: 1 }],
  });
  const rec = JSON.parse(readFileSync(join(dir, 'metrics/experiments', `${id}.json`), 'utf8'));
  expect('stale_stages' in rec).toBe(false);
  expect(rec.stages).toEqual([
    { name: 'prepare', outcome: 'ran', duration_ms: 2 },
    { name: 'train', outcome: 'failed', duration_ms: 1 },
  ]);
  const withList = await recordExperiment({
    root: dir,
    stages: [{ name: 'prepare', outcome: 'ran', durationMs: 2 }, { name: 'train', outcome: 'failed', durationMs: 1 }],
    staleStages: ['evaluate'],
  });
  expect(JSON.parse(readFileSync(join(dir, 'metrics/experiments', `${withList}.json`), 'utf8')).stale_stages).toEqual(['evaluate', 'train']);
});

test('nothing ran or was restored: no record', async () => {
  const id = await recordExperiment({ root: dir, stages: [{ name: 'train', outcome: 'up-to-date', durationMs: 1 }] });
  expect(id).toBeUndefined();
  expect(() => readdirSync(join(dir, 'metrics/experiments'))).toThrow(/ENOENT/);
});
