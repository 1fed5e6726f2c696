// The shipped FER2013 pipeline (the repo's own pipeline.yaml and stage scripts) through the real
// CLI on fixture data: `pipe repro` runs ingest → split → baseline → train → evaluate, and a
// second `pipe repro` runs nothing.
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

/**
 * The repo's pipeline.yaml, runnable from a temp folder: stage scripts by absolute path, tsx
 * loaded by URL, and deps on code (src/, stages/, outside the temp project) left out.
 */
function portablePipeline(): string {
  const doc = parse(readFileSync(join(REPO, 'pipeline.yaml'), 'utf8')) as { stages: Record<string, StageEntry> };
  const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  for (const stage of Object.values(doc.stages)) {
    stage.cmd = stage.cmd.replace(/^node --import tsx (stages\/\S+)$/, (_, script: string) => `node --import ${tsx} ${join(REPO, script)}`);
    stage.deps = (stage.deps ?? []).filter((d) => !d.startsWith('src/') && !d.startsWith('stages/'));
  }
  return stringify(doc);
}

describe('the FER2013 pipeline through pipe repro', () => {
  it('runs every stage on fixture data, then a second repro runs nothing', async () => {
    const rig = makeRig({
      'pipeline.yaml': portablePipeline(),
      'params.yaml': stringify({
        ingest: { source: 'fer', layout: 'folders', limit: null, on_bad: 'error' },
        split: { protocol: 'official', seed: 1, train: 0.7, val: 0.2, test: 0.1, blur: 0, sharp_blur: 0, sharp_detail: 0.2 },
        baseline: { eval_split: 'test' },
        train: { ...TINY_TRAIN, epochs: 3 },
        evaluate: { batch_size: 64, top_k: 2, tta_flip: false, tta_shift: 0, eval_split: 'test', backend: 'cpu', threads: 1, winograd: false, winograd_tile: 2 },
      }),
    });
    await writeFerFixture(join(rig.dir, 'fer'), { layout: 'jpeg', seed: 3 });
    const first = await rig.runWith({ timeoutMs: 150_000 }, 'repro');
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    for (const out of ['data/model/model.json', 'data/model/weights.bin', 'metrics/train_history.json', 'metrics/confusion.json']) {
      expect(rig.exists(out)).toBe(true);
    }
    const train = JSON.parse(rig.read('metrics/train.json'));
    expect(train).toMatchObject({ backend: 'cpu', epochs_run: 3, n_train: 213, n_val: 43, model: 'vgg' });
    expect(JSON.parse(rig.read('metrics/train_history.json')).map((r: { epoch: number }) => r.epoch)).toEqual([1, 2, 3]);
    const evaluation = JSON.parse(rig.read('metrics/evaluate.json'));
    const baseline = JSON.parse(rig.read('metrics/baseline.json'));
    expect(evaluation.n_test).toBe(43);
    expect(evaluation.accuracy).toBeGreaterThan(baseline.accuracy);
    expect(first.stdout).toMatch(/^\[train\] backend: cpu$/m);
    expect(first.stdout).toMatch(/^\[evaluate\] predicted: (angry|disgust|fear|happy|sad|surprise|neutral)$/m);

    const lockBefore = rig.read('pipeline.lock');
    const second = await rig.runWith({ timeoutMs: 60_000 }, 'repro');
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/backend: |epoch 1\//);
    expect(rig.read('pipeline.lock')).toBe(lockBefore);
  });
});
