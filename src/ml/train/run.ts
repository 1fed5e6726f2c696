// The train stage: params → backend → data → model → fit → saved model + metrics files.
// stages/train.ts calls runTrain; tests call it too, with their own paths and a log sink.
import { join } from 'node:path';
import { writeJsonAtomically } from '../atomic-file.js';
import { describeBackend } from '../backend/select.js';
import { startBackend } from '../backend/start.js';
import { readDataset } from '../data/dataset.js';
import { buildModel, forwardMacs } from '../model/build.js';
import { saveModel, setPreprocessing } from '../model/io.js';
import { requireParams, PARAMS_FILE } from '../params/load.js';
import { trainSection, type TrainParams } from '../params/train.js';
import { toImageSet } from './batches.js';
import { fit, type FitOptions, type FitResult } from './fit.js';
import { formatDuration, formatEpochLine } from './format.js';
import { createBatchBar, type BatchBar } from './progress-bar.js';

export interface TrainPaths {
  params: string;
  train: string;
  val: string;
  model: string;
  metrics: string;
  history: string;
}

export const DEFAULT_TRAIN_PATHS: TrainPaths = {
  params: PARAMS_FILE,
  train: 'data/split/train',
  val: 'data/split/val',
  model: 'data/model',
  metrics: 'metrics/train.json',
  history: 'metrics/train_history.json',
};

/** metrics/train.json */
export interface TrainMetrics {
  best_epoch: number;
  best_val_loss: number;
  best_val_accuracy: number;
  final_loss: number;
  final_accuracy: number;
  final_val_loss: number;
  final_val_accuracy: number;
  epochs_run: number;
  stopped_early: boolean;
  /** which epoch's weights data/model holds */
  saved_epoch: number;
  train_seconds: number;
  images_per_second: number;
  backend: string;
  gpu: boolean;
  threads: number;
  model: string;
  parameters: number;
  forward_mflops: number;
  n_train: number;
  n_val: number;
}

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

export async function runTrain(
  paths: TrainPaths = DEFAULT_TRAIN_PATHS,
  log: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  bar: BatchBar = createBatchBar(),
): Promise<TrainMetrics> {
  const p = await requireParams(trainSection, paths.params);
  const backend = await startBackend(p.backend, p.threads, paths.params, 'train.backend');
  log(describeBackend(backend));
  const train = toImageSet(await readDataset(paths.train));
  const val = toImageSet(await readDataset(paths.val));
  const [h, w, c] = p.input_shape as [number, number, number];
  const model = buildModel({
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
    seed: p.seed,
  });
  const mflops = (2 * forwardMacs(model)) / 1e6;
  log(
    `model ${p.model}: ${model.countParams()} parameters, ${mflops.toFixed(1)} MFLOP per image forward; ` +
      `${train.labels.length} training / ${val.labels.length} validation images, batch ${p.batch_size}, up to ${p.epochs} epochs`,
  );
  // otherwise a reader of the epoch lines would wonder why val_loss falls while loss is unchanged
  if (p.ema_momentum > 0) log(`val_loss, val_acc and data/model are those of a moving average of the weights (ema_momentum ${p.ema_momentum})`);
  let result: FitResult;
  try {
    result = fit(model, train, val, fitOptionsFrom(p), (e) => {
      if (e.kind === 'epoch-start') bar.start(e.batches, `epoch ${e.epoch}/${e.epochs}`);
      else if (e.kind === 'batch-end') bar.update(e.batch, e.loss);
      else if (e.kind === 'epoch-end') {
        bar.stop();
        const notes = [e.improved ? 'best' : '', e.lrReduced ? `lr → ${e.row.lr.toExponential(2)} next` : ''].filter(Boolean);
        log(formatEpochLine(e.row, e.epochs, e.etaSeconds, notes.join(', ')));
      } else if (e.kind === 'early-stop') {
        log(`early stop after epoch ${e.epoch}: val_loss has not improved since epoch ${e.bestEpoch}`);
      }
    });
  } finally {
    bar.stop();
  }
  // The saved model is always the best epoch by val_loss (a save-best-only checkpoint);
  // restore_best_weights already put those weights back into `model` when it is true.
  if (result.bestWeights.length > 0) model.setWeights(result.bestWeights);
  // evaluate (and anyone loading data/model) must feed pixels the way training did
  setPreprocessing(model, { normalize: p.normalize });
  await saveModel(model, paths.model);
  result.bestWeights.forEach((t) => t.dispose());
  const last = result.history[result.history.length - 1]!;
  const best = result.history[result.bestEpoch - 1];
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
    train_seconds: round(result.trainSeconds, 1),
    images_per_second: round(result.imagesPerSecond, 1),
    backend: backend.choice,
    gpu: backend.gpu,
    threads: backend.threads,
    model: p.model,
    parameters: model.countParams(),
    forward_mflops: round(mflops, 2),
    n_train: train.labels.length,
    n_val: val.labels.length,
  };
  model.dispose();
  await writeJsonAtomically(paths.history, result.history.map(roundRow));
  await writeJsonAtomically(paths.metrics, metrics);
  log(
    `saved ${join(paths.model, 'model.json')} (epoch ${metrics.saved_epoch}: val_loss ${metrics.best_val_loss.toFixed(4)}, ` +
      `val_acc ${metrics.best_val_accuracy.toFixed(4)}); ${metrics.epochs_run} epochs in ${formatDuration(metrics.train_seconds)}, ` +
      `${metrics.images_per_second} images/s on ${backend.choice}`,
  );
  return metrics;
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
