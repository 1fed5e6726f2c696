// The ensemble stage of a per-seed pipeline: the networks train.seeds lists (data/members/<seed>/,
// each written by a train@<seed> stage) gathered into data/model in the layout
// src/ml/model/ensemble.ts reads (the first network in the folder itself, the others in member-2/
// ..., ensemble.json), their averaged class probabilities scored on data/split/val, and
// metrics/train.json + metrics/train_history.json written as a whole-ensemble train stage writes
// them (the first network's figures, ensemble_val_*, `members`), so evaluate, `pipe exp show` and
// `pipe exp pairs --members` read the same files either way. The model files are copied byte for
// byte: data/model holds exactly the weights each train@<seed> saved.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { writeJsonAtomically } from '../atomic-file.js';
import { describeBackend } from '../backend/select.js';
import { startBackend } from '../backend/start.js';
import { readDataset, writeDirectoryAtomically } from '../data/dataset.js';
import { FailureError } from '../failure.js';
import { ENSEMBLE_JSON, memberPath, type EnsembleManifest } from '../model/ensemble.js';
import { loadModel } from '../model/io.js';
import { lossAndAccuracy, predictProbabilities } from '../model/predict.js';
import { requireParams, PARAMS_FILE } from '../params/load.js';
import { trainSection } from '../params/train.js';
import { toImageSet } from './batches.js';
import { formatDuration } from './format.js';
import type { MemberMetrics, TrainMetrics } from './metrics.js';
import { memberPaths, type TrainPaths } from './paths.js';

export interface CombinePaths {
  params: string;
  val: string;
  /** where train@<seed> wrote its network and metrics */
  member: (seed: number) => TrainPaths;
  model: string;
  metrics: string;
  history: string;
}

export const DEFAULT_COMBINE_PATHS: CombinePaths = {
  params: PARAMS_FILE,
  val: 'data/split/val',
  member: (seed) => memberPaths(seed),
  model: 'data/model',
  metrics: 'metrics/train.json',
  history: 'metrics/train_history.json',
};

interface Member {
  seed: number;
  paths: TrainPaths;
  metrics: TrainMetrics;
  history: object[];
}

export async function runCombine(
  paths: CombinePaths = DEFAULT_COMBINE_PATHS,
  log: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<TrainMetrics> {
  const p = await requireParams(trainSection, paths.params);
  const members: Member[] = [];
  for (const seed of p.seeds) {
    const mp = paths.member(seed);
    const hint = `train it: \`npx pipe repro train@${seed}\``;
    members.push({ seed, paths: mp, metrics: (await readJson(mp.metrics, hint)) as TrainMetrics, history: (await readJson(mp.history, hint)) as object[] });
  }
  const first = members[0]!;
  let ensembleVal = { loss: first.metrics.best_val_loss, accuracy: first.metrics.best_val_accuracy };
  if (members.length > 1) {
    const backend = await startBackend(p.backend, p.threads, paths.params, 'train.backend', { on: p.winograd, tile: p.winograd_tile });
    log(describeBackend(backend));
    const val = toImageSet(await readDataset(paths.val));
    const [height, width] = p.input_shape as [number, number, number];
    let sum: Float32Array | undefined;
    for (const m of members) {
      const model: tf.LayersModel = await loadModel(m.paths.model);
      try {
        const probs = predictProbabilities(model, val, { batchSize: p.batch_size, shape: { height, width }, numClasses: p.num_classes, normalize: p.normalize });
        if (sum === undefined) sum = new Float32Array(probs.length);
        for (let i = 0; i < probs.length; i++) sum[i]! += probs[i]! / members.length;
      } finally {
        model.dispose();
      }
    }
    ensembleVal = lossAndAccuracy(sum!, val.labels, p.num_classes);
  }
  await gatherModels(members, paths.model);

  // images and seconds of the training steps, summed over the networks (each trained its
  // epochs_run epochs of n_train images): the rate a whole-ensemble train stage reports
  const stepImages = members.reduce((s, m) => s + m.metrics.epochs_run * m.metrics.n_train, 0);
  const stepSeconds = members.reduce((s, m) => s + (m.metrics.images_per_second > 0 ? (m.metrics.epochs_run * m.metrics.n_train) / m.metrics.images_per_second : 0), 0);
  const trainSeconds = members.reduce((s, m) => s + m.metrics.train_seconds, 0);
  const metrics: TrainMetrics = {
    ...first.metrics,
    train_seconds: round(trainSeconds, 1),
    images_per_second: round(stepSeconds > 0 ? stepImages / stepSeconds : 0, 1),
    ensemble: members.length,
    ensemble_val_loss: ensembleVal.loss,
    ensemble_val_accuracy: ensembleVal.accuracy,
    ...(members.length > 1 ? { members: members.map(memberFigures) } : {}),
  };
  const history = members.flatMap((m, i) => m.history.map((row) => (members.length > 1 ? { member: i + 1, ...row } : row)));
  await writeJsonAtomically(paths.history, history);
  await writeJsonAtomically(paths.metrics, metrics);
  log(
    `gathered ${members.length} network${members.length === 1 ? '' : 's'} (seeds ${p.seeds.join(', ')}) in ${paths.model}` +
      (members.length > 1
        ? `; their averaged probabilities on val: val_loss ${ensembleVal.loss.toFixed(4)}, val_acc ${ensembleVal.accuracy.toFixed(4)}`
        : `; val_loss ${ensembleVal.loss.toFixed(4)}, val_acc ${ensembleVal.accuracy.toFixed(4)}`) +
      `; ${formatDuration(metrics.train_seconds)} of training in all`,
  );
  return metrics;
}

function memberFigures(m: Member): MemberMetrics {
  return {
    seed: m.seed,
    best_epoch: m.metrics.best_epoch,
    best_val_loss: m.metrics.best_val_loss,
    best_val_accuracy: m.metrics.best_val_accuracy,
    epochs_run: m.metrics.epochs_run,
    stopped_early: m.metrics.stopped_early,
    train_seconds: m.metrics.train_seconds,
  };
}

/** data/model replaced whole by copies of the members' folders (one member: its folder alone). */
async function gatherModels(members: Member[], dir: string): Promise<void> {
  await writeDirectoryAtomically(dir, async (tmp) => {
    for (const [i, m] of members.entries()) {
      const folder = join(tmp, memberPath(i));
      await mkdir(folder, { recursive: true });
      for (const name of await readdir(m.paths.model)) await copyFile(join(m.paths.model, name), join(folder, name));
    }
    if (members.length > 1) {
      const manifest: EnsembleManifest = { version: 1, members: members.map((m, i) => ({ path: memberPath(i), seed: m.seed })) };
      await writeFile(join(tmp, ENSEMBLE_JSON), JSON.stringify(manifest, null, 2) + '\n');
    }
  });
}

async function readJson(path: string, hint: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new FailureError({ where: path, message: 'missing: the network of this seed has not been trained', hint });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new FailureError({ where: path, message: `not valid JSON (${(err as Error).message})`, hint });
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
