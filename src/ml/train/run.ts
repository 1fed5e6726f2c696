// The train stage: params → backend → data → model → fit → saved model + metrics files.
// stages/train.ts calls runTrain; tests call it too, with their own paths and a log sink.
import { join } from 'node:path';
import { writeJsonAtomically } from '../atomic-file.js';
import { describeBackend } from '../backend/select.js';
import { startBackend } from '../backend/start.js';
import { readDataset } from '../data/dataset.js';
import type * as tf from '@tensorflow/tfjs';
import { buildModel, forwardMacs } from '../model/build.js';
import { ENSEMBLE_JSON, saveEnsemble } from '../model/ensemble.js';
import { setPreprocessing } from '../model/io.js';
import { lossAndAccuracy, predictProbabilities } from '../model/predict.js';
import { requireParams } from '../params/load.js';
import { trainSection, type TrainParams } from '../params/train.js';
import { toImageSet, type ImageSet } from './batches.js';
import type { TrainMetrics } from './metrics.js';
import { DEFAULT_TRAIN_PATHS, type TrainPaths } from './paths.js';
import { fit, type FitOptions, type FitResult } from './fit.js';
import { formatDuration, formatEpochLine } from './format.js';
import { createBatchBar, type BatchBar } from './progress-bar.js';

export type { MemberMetrics, TrainMetrics } from './metrics.js';
export { DEFAULT_TRAIN_PATHS, memberPaths, type TrainPaths } from './paths.js';

export function fitOptionsFrom(p: TrainParams): FitOptions {
  const [height, width] = p.input_shape as [number, number, number];
  return {
    epochs: p.epochs,
    batchSize: p.batch_size,
    shuffle: p.shuffle,
    seed: p.seed,
    numClasses: p.num_classes,
    shape: { height, width },
    optimizer: p.optimizer,
    learningRate: p.learning_rate,
    momentum: p.momentum,
    nesterov: p.nesterov,
    schedule: p.schedule,
    lrPatience: p.lr_patience,
    lrFactor: p.lr_reduction_factor,
    warmupEpochs: p.warmup_epochs,
    earlyStoppingPatience: p.early_stopping_patience,
    restoreBestWeights: p.restore_best_weights,
    labelSmoothing: p.label_smoothing,
    mixupAlpha: p.mixup_alpha,
    emaMomentum: p.ema_momentum,
    weightDecay: p.weight_decay,
    augmentation: { flip: p.augment_flip, shift: p.augment_shift, rotation: p.augment_rotation, zoom: p.augment_zoom, erase: p.augment_erase },
    normalize: p.normalize,
  };
}

/** Member i's seed (0-based): member 1 trains exactly as a single network with train.seed would. */
export function memberSeed(seed: number, i: number): number {
  // 1000 apart: fit draws its shuffling, augmentation, dropout and mixup streams from seed .. seed + 3
  return seed + 1000 * i;
}

interface TrainedMember {
  model: tf.LayersModel;
  seed: number;
  result: FitResult;
}

/**
 * Trains train.ensemble networks (seeds train.seed, + 1000, ...) into paths.model; with
 * `only.seed`, one network with that seed, whatever train.seed and train.ensemble say.
 */
export async function runTrain(
  paths: TrainPaths = DEFAULT_TRAIN_PATHS,
  log: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  bar: BatchBar = createBatchBar(),
  only?: { seed: number },
): Promise<TrainMetrics> {
  const read = await requireParams(trainSection, paths.params);
  const p: TrainParams = only === undefined ? read : { ...read, seed: only.seed, ensemble: 1 };
  const backend = await startBackend(p.backend, p.threads, paths.params, 'train.backend', { on: p.winograd, tile: p.winograd_tile });
  log(describeBackend(backend));
  const train = toImageSet(await readDataset(paths.train));
  const val = toImageSet(await readDataset(paths.val));
  const [h, w, c] = p.input_shape as [number, number, number];
  const build = (seed: number): tf.LayersModel =>
    buildModel({
      spec: {
        architecture: p.model,
        filters: p.filters,
        convs_per_block: p.convs_per_block,
        stem_stride: p.stem_stride,
        dense_units: p.dense_units,
        batch_norm: p.batch_norm,
        dropout_conv: p.dropout_conv,
        dropout_dense: p.dropout_dense,
      },
      inputShape: [h, w, c],
      numClasses: p.num_classes,
      seed,
    });
  const started = performance.now();
  const members: TrainedMember[] = [];
  let mflops = 0;
  try {
    for (let i = 0; i < p.ensemble; i++) {
      const seed = memberSeed(p.seed, i);
      const model = build(seed);
      if (i === 0) {
        mflops = (2 * forwardMacs(model)) / 1e6;
        log(
          `model ${p.model}: ${model.countParams()} parameters, ${mflops.toFixed(1)} MFLOP per image forward; ` +
            `${train.labels.length} training / ${val.labels.length} validation images, batch ${p.batch_size}, up to ${p.epochs} epochs` +
            (p.ensemble > 1 ? `; an ensemble of ${p.ensemble} such networks, trained one after another` : ''),
        );
        // otherwise a reader of the epoch lines would wonder why val_loss falls while loss is unchanged
        if (p.ema_momentum > 0) log(`val_loss, val_acc and data/model are those of a moving average of the weights (ema_momentum ${p.ema_momentum})`);
      }
      const tag = p.ensemble > 1 ? `member ${i + 1}/${p.ensemble} ` : '';
      if (p.ensemble > 1) log(`member ${i + 1}/${p.ensemble}: seed ${seed}`);
      const result = fitMember(model, train, val, { ...fitOptionsFrom(p), seed }, tag, log, bar);
      // The saved model is always the best epoch by val_loss (a save-best-only checkpoint);
      // restore_best_weights already put those weights back into `model` when it is true.
      if (result.bestWeights.length > 0) model.setWeights(result.bestWeights);
      result.bestWeights.forEach((t) => t.dispose());
      // evaluate (and anyone loading data/model) must feed pixels the way training did
      setPreprocessing(model, { normalize: p.normalize });
      members.push({ model, seed, result });
      if (p.ensemble > 1) {
        log(`member ${i + 1}/${p.ensemble}: best epoch ${result.bestEpoch}, val_loss ${result.bestValLoss.toFixed(4)}, val_acc ${result.bestValAccuracy.toFixed(4)}`);
      }
    }
    // the members' averaged probabilities, scored on val as each epoch was (no test-time views)
    const ensembleVal = p.ensemble > 1 ? scoreAverage(members, val, p) : undefined;
    await saveEnsemble(members, paths.model);
    const first = members[0]!;
    const result = first.result;
    const last = result.history[result.history.length - 1]!;
    const best = result.history[result.bestEpoch - 1];
    const stepImages = members.reduce((s, m) => s + m.result.stepImages, 0);
    const stepSeconds = members.reduce((s, m) => s + m.result.stepSeconds, 0);
    const metrics: TrainMetrics = {
      best_epoch: result.bestEpoch,
      best_val_loss: result.bestValLoss,
      best_val_accuracy: result.bestValAccuracy,
      final_loss: last.loss,
      final_accuracy: last.accuracy,
      final_val_loss: last.val_loss,
      final_val_accuracy: last.val_accuracy,
      epochs_run: result.epochsRun,
      stopped_early: result.stoppedEarly,
      saved_epoch: best?.epoch ?? last.epoch,
      train_seconds: round(p.ensemble > 1 ? (performance.now() - started) / 1000 : result.trainSeconds, 1),
      images_per_second: round(stepSeconds > 0 ? stepImages / stepSeconds : 0, 1),
      backend: backend.choice,
      gpu: backend.gpu,
      threads: backend.threads,
      model: p.model,
      parameters: first.model.countParams(),
      forward_mflops: round(mflops, 2),
      n_train: train.labels.length,
      n_val: val.labels.length,
      ensemble: p.ensemble,
      ensemble_val_loss: ensembleVal?.loss ?? result.bestValLoss,
      ensemble_val_accuracy: ensembleVal?.accuracy ?? result.bestValAccuracy,
      ...(p.ensemble > 1
        ? {
            members: members.map((m) => ({
              seed: m.seed,
              best_epoch: m.result.bestEpoch,
              best_val_loss: m.result.bestValLoss,
              best_val_accuracy: m.result.bestValAccuracy,
              epochs_run: m.result.epochsRun,
              stopped_early: m.result.stoppedEarly,
              train_seconds: round(m.result.trainSeconds, 1),
            })),
          }
        : {}),
    };
    const history = members.flatMap((m, i) => m.result.history.map((row) => (p.ensemble > 1 ? { member: i + 1, ...roundRow(row) } : roundRow(row))));
    await writeJsonAtomically(paths.history, history);
    await writeJsonAtomically(paths.metrics, metrics);
    if (p.ensemble > 1) {
      log(
        `saved ${p.ensemble} networks in ${paths.model} (${ENSEMBLE_JSON}); their averaged probabilities on val: ` +
          `val_loss ${metrics.ensemble_val_loss.toFixed(4)}, val_acc ${metrics.ensemble_val_accuracy.toFixed(4)}; ` +
          `${formatDuration(metrics.train_seconds)} in all, ${metrics.images_per_second} images/s on ${backend.choice}`,
      );
    } else {
      log(
        `saved ${join(paths.model, 'model.json')} (epoch ${metrics.saved_epoch}: val_loss ${metrics.best_val_loss.toFixed(4)}, ` +
          `val_acc ${metrics.best_val_accuracy.toFixed(4)}); ${metrics.epochs_run} epochs in ${formatDuration(metrics.train_seconds)}, ` +
          `${metrics.images_per_second} images/s on ${backend.choice}`,
      );
    }
    return metrics;
  } finally {
    members.forEach((m) => m.model.dispose());
  }
}

function fitMember(
  model: tf.LayersModel,
  train: ImageSet,
  val: ImageSet,
  options: FitOptions,
  tag: string,
  log: (line: string) => void,
  bar: BatchBar,
): FitResult {
  try {
    return fit(model, train, val, options, (e) => {
      if (e.kind === 'epoch-start') bar.start(e.batches, `${tag}epoch ${e.epoch}/${e.epochs}`);
      else if (e.kind === 'batch-end') bar.update(e.batch, e.loss);
      else if (e.kind === 'epoch-end') {
        bar.stop();
        const notes = [e.improved ? 'best' : '', e.lrReduced ? `lr → ${e.row.lr.toExponential(2)} next` : ''].filter(Boolean);
        log(tag + formatEpochLine(e.row, e.epochs, e.etaSeconds, notes.join(', ')));
      } else if (e.kind === 'early-stop') {
        log(`${tag}early stop after epoch ${e.epoch}: val_loss has not improved since epoch ${e.bestEpoch}`);
      }
    });
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    bar.stop();
  }
}

/** Loss and accuracy on `set` of the members' averaged class probabilities. */
function scoreAverage(members: TrainedMember[], set: ImageSet, p: TrainParams): { loss: number; accuracy: number } {
  const [height, width] = p.input_shape as [number, number, number];
  let sum: Float32Array | undefined;
  for (const m of members) {
    const probs = predictProbabilities(m.model, set, { batchSize: p.batch_size, shape: { height, width }, numClasses: p.num_classes, normalize: p.normalize });
    if (sum === undefined) sum = new Float32Array(probs.length);
    for (let i = 0; i < probs.length; i++) sum[i]! += probs[i]! / members.length;
  }
  return lossAndAccuracy(sum!, set.labels, p.num_classes);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function roundRow<T extends object>(row: T): T {
  // seconds to 0.01 s; losses keep full precision (determinism checks compare them exactly)
  const out = { ...row } as Record<string, unknown>;
  if (typeof out.seconds === 'number') out.seconds = round(out.seconds, 2);
  return out as T;
}
