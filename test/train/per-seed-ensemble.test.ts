// A per-seed pipeline (train@<seed> stages, then the ensemble stage) ends with the same data/model
// and metrics/train.json as one train stage with train.ensemble: the same networks, byte for
// byte, the same averaged val figures, the same history.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureError } from '../../src/ml/failure.js';
import { runCombine, type CombinePaths } from '../../src/ml/train/combine.js';
import { runTrain, type TrainPaths } from '../../src/ml/train/run.js';
import { makeProject, type TempProject } from './project.js';

function perSeed(p: TempProject): { member: (seed: number) => TrainPaths; combine: CombinePaths } {
  const at = (rel: string) => join(p.dir, rel);
  const member = (seed: number): TrainPaths => ({
    ...p.train,
    model: at(`data/members/${seed}`),
    metrics: at(`metrics/members/${seed}.json`),
    history: at(`metrics/members/${seed}_history.json`),
  });
  return { member, combine: { params: p.train.params, val: p.train.val, member, model: p.train.model, metrics: p.train.metrics, history: p.train.history } };
}

describe('the ensemble stage gathers train@<seed> networks', () => {
  it('equals a whole-ensemble train stage: model bytes, val figures, members, history', async () => {
    const whole = await makeProject({ epochs: 2, seed: 7, ensemble: 2 });
    const wholeMetrics = await runTrain(whole.train, () => {});

    const p = await makeProject({ epochs: 2, seeds: [7, 1007] });
    const { member, combine } = perSeed(p);
    for (const seed of [7, 1007]) await runTrain(member(seed), () => {}, undefined, { seed });
    const log: string[] = [];
    const metrics = await runCombine(combine, (l) => log.push(l));

    expect((await readdir(p.train.model)).sort()).toEqual(['ensemble.json', 'member-2', 'model.json', 'weights.bin']);
    // (model.json names its layers by a per-process counter: one stage per process in a pipeline)
    for (const f of ['ensemble.json', 'weights.bin', 'member-2/weights.bin']) {
      expect(Buffer.compare(await readFile(join(p.train.model, f)), await readFile(join(whole.train.model, f)))).toBe(0);
    }
    expect(Buffer.compare(await readFile(join(p.train.model, 'member-2/weights.bin')), await readFile(join(p.dir, 'data/members/1007/weights.bin')))).toBe(0);
    // train_seconds and the step rate are measured, so they differ run to run; everything else is equal
    const timeless = (m: typeof metrics) => ({
      ...m,
      train_seconds: 0,
      images_per_second: 0,
      members: m.members?.map((x) => ({ ...x, train_seconds: 0 })),
    });
    expect(timeless(metrics)).toEqual(timeless(wholeMetrics));
    expect(metrics.train_seconds).toBeCloseTo(metrics.members!.reduce((s, m) => s + m.train_seconds, 0), 1);
    expect(JSON.parse(await readFile(p.train.metrics, 'utf8'))).toEqual(metrics);
    const seconds = (rows: Record<string, number>[]) => rows.map((r) => ({ ...r, seconds: 0 }));
    expect(seconds(JSON.parse(await readFile(p.train.history, 'utf8')))).toEqual(seconds(JSON.parse(await readFile(whole.train.history, 'utf8'))));
    expect(log).toEqual([
      'backend: cpu',
      expect.stringMatching(/^gathered 2 networks \(seeds 7, 1007\) in .*data\/model; their averaged probabilities on val: val_loss \d\.\d{4}, val_acc \d\.\d{4}; \d+s of training in all$/),
    ]);
  });

  it('one seed: the single-model layout and the network\'s own figures', async () => {
    const p = await makeProject({ epochs: 1, seeds: [5] });
    const { member, combine } = perSeed(p);
    const own = await runTrain(member(5), () => {}, undefined, { seed: 5 });
    const metrics = await runCombine(combine, () => {});
    expect((await readdir(p.train.model)).sort()).toEqual(['model.json', 'weights.bin']);
    expect(metrics).toEqual(own);
  });

  it('a seed without its network is a failure naming the file and the stage to run', async () => {
    const p = await makeProject({ epochs: 1, seeds: [5, 6] });
    const { member, combine } = perSeed(p);
    await runTrain(member(5), () => {}, undefined, { seed: 5 });
    await rm(p.train.model, { recursive: true, force: true });
    const err = await runCombine(combine, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailureError);
    expect((err as FailureError).message).toBe(`${join(p.dir, 'metrics/members/6.json')}: missing: the network of this seed has not been trained\n  train it: \`npx pipe repro train@6\``);
    expect((await readdir(p.dir)).includes('model')).toBe(false);
  });
});
