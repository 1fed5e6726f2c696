// The shipped FER2013 pipeline (the repo's own pipeline.yaml and stage scripts) through the real
// CLI on fixture data: `pipe repro` runs ingest → split → baseline → train@<seed> for each seed →
// ensemble → evaluate, a second `pipe repro` runs nothing, and a seed added to train.seeds trains
// that one network alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO, makeRig } from '../rig.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { TINY_TRAIN } from '../train/project.js';

interface StageEntry {
  cmd: string;
  deps?: string[];
  [key: string]: unknown;
}

const PARAMS = {
  ingest: { source: 'fer', layout: 'folders', limit: null, on_bad: 'error' },
  split: { protocol: 'official', seed: 1, train: 0.7, val: 0.2, test: 0.1, blur: 0, sharp_blur: 0, sharp_detail: 0.2 },
  baseline: { eval_split: 'test' },
  train: { ...TINY_TRAIN, epochs: 3, seeds: [1, 2] },
  evaluate: { batch_size: 64, top_k: 2, tta_flip: false, tta_shift: 0, eval_split: 'test', backend: 'cpu', threads: 1, winograd: false, winograd_tile: 2 },
};

/**
 * The repo's pipeline.yaml, runnable from a temp folder: stage scripts by absolute path, tsx
 * loaded by URL, and deps on code (src/, stages/, outside the temp project) left out.
 */
function portablePipeline(): string {
  const doc = parse(readFileSync(join(REPO, 'pipeline.yaml'), 'utf8')) as { stages: Record<string, StageEntry | { do: StageEntry }> };
  const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  for (const decl of Object.values(doc.stages)) {
    const stage = ('do' in decl ? decl.do : decl) as StageEntry;
    stage.cmd = stage.cmd.replace(/^node --import tsx (stages\/\S+)/, (_, script: string) => `node --import ${tsx} ${join(REPO, script)}`);
    stage.deps = (stage.deps ?? []).filter((d) => !d.startsWith('src/') && !d.startsWith('stages/'));
  }
  return stringify(doc);
}

/**
 * Trains three small networks: about a minute on an idle 2-core machine, past the 120 s of
 * vitest.config.ts under load (`nice npm test` beside other work). Each run may take what is left
 * of the test's time: the rig stops a run, with its stages, a few seconds before the test would
 * time out.
 */
const TIMEOUT_MS = 300_000;

describe('the FER2013 pipeline through pipe repro', () => {
  it('runs every stage on fixture data; a second repro runs nothing; an added seed trains alone', async () => {
    const rig = makeRig({
      'pipeline.yaml': portablePipeline(),
      'params.yaml': stringify(PARAMS),
    });
    await writeFerFixture(join(rig.dir, 'fer'), { layout: 'jpeg', seed: 3 });
    const first = await rig.runWith({ timeoutMs: TIMEOUT_MS }, 'repro');
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code, first.stderr).toBe(0);
    for (const out of ['data/members/1/model.json', 'data/members/2/weights.bin', 'data/model/model.json', 'data/model/member-2/weights.bin', 'metrics/members/2.json', 'metrics/train_history.json', 'metrics/confusion.json']) {
      expect(rig.exists(out)).toBe(true);
    }
    // the networks trained one per stage, in seed order, then gathered
    const ran = (out: string) => [...out.matchAll(/^(\S+): running/gm)].map((m) => m[1]);
    expect(ran(first.stdout)).toEqual(['ingest', 'split', 'baseline', 'train@1', 'train@2', 'ensemble', 'evaluate']);
    const train = JSON.parse(rig.read('metrics/train.json'));
    expect(train).toMatchObject({ backend: 'cpu', epochs_run: 3, n_train: 213, n_val: 43, model: 'vgg', ensemble: 2, members: [{ seed: 1 }, { seed: 2 }] });
    expect(JSON.parse(rig.read('data/model/ensemble.json'))).toEqual({ version: 1, members: [{ path: '.', seed: 1 }, { path: 'member-2', seed: 2 }] });
    expect(rig.read('data/model/member-2/weights.bin')).toBe(rig.read('data/members/2/weights.bin'));
    const history = JSON.parse(rig.read('metrics/train_history.json')) as { member: number; epoch: number }[];
    expect(history.map((r) => [r.member, r.epoch])).toEqual([[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
    const evaluation = JSON.parse(rig.read('metrics/evaluate.json'));
    const baseline = JSON.parse(rig.read('metrics/baseline.json'));
    expect(evaluation.n_test).toBe(43);
    expect(evaluation.accuracy).toBeGreaterThan(baseline.accuracy);
    expect(first.stdout).toMatch(/^\[train@1\] backend: cpu$/m);
    expect(first.stdout).toMatch(/^\[evaluate\] predicted: (angry|disgust|fear|happy|sad|surprise|neutral)$/m);

    const lockBefore = rig.read('pipeline.lock');
    const second = await rig.runWith({ timeoutMs: TIMEOUT_MS }, 'repro');
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/backend: |epoch 1\//);
    expect(rig.read('pipeline.lock')).toBe(lockBefore);

    // a third seed: that network trains, the other two are left alone
    rig.write({ 'params.yaml': stringify({ ...PARAMS, train: { ...PARAMS.train, seeds: [1, 2, 3] } }) });
    const third = await rig.runWith({ timeoutMs: TIMEOUT_MS }, 'repro');
    expect(third.code).toBe(0);
    expect(ran(third.stdout)).toEqual(['train@3', 'ensemble', 'evaluate']);
    expect(JSON.parse(rig.read('metrics/train.json'))).toMatchObject({ ensemble: 3 });

    // and taken out again: nothing runs: train@3's outputs leave the workspace (the cache keeps
    // them), so data/members is as it was with two seeds, and the run-cache has the ensemble of
    // those two and its evaluation
    rig.write({ 'params.yaml': stringify(PARAMS) });
    const back = await rig.runWith({ timeoutMs: TIMEOUT_MS }, 'repro');
    expect(back.code).toBe(0);
    expect(ran(back.stdout)).toEqual([]);
    expect(back.stderr).toMatch(/^note: removed data\/members\/3, an output of 'train@3' \(no longer in pipeline\.yaml\); the cache keeps it$/m);
    expect(back.stdout).toMatch(/^ensemble: restored from run-cache\nevaluate: restored from run-cache$/m);
    expect(JSON.parse(rig.read('metrics/train.json'))).toEqual(train);
  }, TIMEOUT_MS);
});
