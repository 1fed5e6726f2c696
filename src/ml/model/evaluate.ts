// The evaluate stage: saved model + test split → metrics/evaluate.json (loss, accuracy, top-k,
// macro-F1, balanced accuracy, per-class scores, confusion matrix) and metrics/confusion.json
// (the matrix as {actual, predicted, count} rows for a Vega-Lite heatmap).
import { writeJsonAtomically } from '../atomic-file.js';
import { describeBackend } from '../backend/select.js';
import { startBackend } from '../backend/start.js';
import { CLASS_NAMES, USAGE_NAMES, readDataset } from '../data/dataset.js';
import {
  accuracy,
  argmaxRows,
  balancedAccuracy,
  confusionMatrix,
  macroF1,
  perClassScores,
  topKAccuracy,
  type ClassScores,
} from '../metrics/classification.js';
import { evaluateSection } from '../params/evaluate.js';
import { PARAMS_FILE, requireParams } from '../params/load.js';
import { toImageSet, type Normalization } from '../train/batches.js';
import { loadEnsemble } from './ensemble.js';
import { averageProbabilities, networkProbabilities } from './ensemble-predict.js';
import { argMax, lossAndAccuracy } from './predict.js';

export interface EvaluatePaths {
  params: string;
  test: string;
  /** scored instead of `test` when evaluate.eval_split is val */
  val: string;
  model: string;
  metrics: string;
  confusion: string;
}

export const DEFAULT_EVALUATE_PATHS: EvaluatePaths = {
  params: PARAMS_FILE,
  test: 'data/split/test',
  val: 'data/split/val',
  model: 'data/model',
  metrics: 'metrics/evaluate.json',
  confusion: 'metrics/confusion.json',
};

export interface EvaluateMetrics {
  loss: number;
  accuracy: number;
  /** fraction of images whose class is among the top_k most probable (k = 2 by default) */
  top_k_accuracy: number;
  top_k: number;
  macro_f1: number;
  balanced_accuracy: number;
  per_class: Record<string, ClassScores>;
  /** rows: actual class, columns: predicted class, both in `classes` order */
  confusion_matrix: number[][];
  classes: string[];
  tta_flip: boolean;
  /** views moved this many pixels towards each corner were averaged in (0: none) */
  tta_shift: number;
  /** the split scored (test unless evaluate.eval_split says val) */
  eval_split: 'test' | 'val';
  /** the pixel normalization recorded in the model (train.normalize) */
  normalize: Normalization;
  /** networks whose probabilities were averaged (how many train.seeds, or train.ensemble; 1: a single model) */
  ensemble: number;
  backend: string;
  /** images scored (of eval_split) */
  n_test: number;
  /**
   * Accuracy on the scored images of each original FER2013 usage among them (Training,
   * PublicTest, PrivateTest). Under the random protocol the test split mixes all three, mostly
   * Training images; published FER2013 results are on PrivateTest alone.
   */
  by_usage: Record<string, { n: number; accuracy: number }>;
}

/** Accuracy per usage present, in USAGE_NAMES order. */
export function accuracyByUsage(
  usage: ArrayLike<number>,
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
): Record<string, { n: number; accuracy: number }> {
  const n = new Array<number>(USAGE_NAMES.length).fill(0);
  const right = new Array<number>(USAGE_NAMES.length).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const u = usage[i]!;
    n[u]!++;
    if (predictions[i] === labels[i]) right[u]!++;
  }
  const out: Record<string, { n: number; accuracy: number }> = {};
  USAGE_NAMES.forEach((name, u) => {
    if (n[u]! > 0) out[name] = { n: n[u]!, accuracy: right[u]! / n[u]! };
  });
  return out;
}

export interface ConfusionRow {
  actual: string;
  predicted: string;
  count: number;
}

export async function runEvaluate(
  paths: EvaluatePaths = DEFAULT_EVALUATE_PATHS,
  log: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<EvaluateMetrics> {
  const p = await requireParams(evaluateSection, paths.params);
  const backend = await startBackend(p.backend, p.threads, paths.params, 'evaluate.backend', { on: p.winograd, tile: p.winograd_tile });
  log(describeBackend(backend));
  const members = await loadEnsemble(paths.model);
  const scored = await readDataset(p.eval_split === 'val' ? paths.val : paths.test);
  const test = toImageSet(scored);
  const k = CLASS_NAMES.length;
  // an ensemble (several seeds, or train.ensemble > 1) is scored on its members' averaged probabilities, each
  // member's already averaged over the test-time views
  const views = { batchSize: p.batch_size, numClasses: k, flip: p.tta_flip, shift: p.tta_shift };
  const all: Float32Array[] = [];
  let normalize: Normalization = 'none';
  for (const [i, { model, dir }] of members.entries()) {
    const scoredBy = networkProbabilities(model, dir, test, views);
    model.dispose();
    all.push(scoredBy.probs);
    if (i === 0) normalize = scoredBy.normalize;
  }
  const probs = averageProbabilities(all);
  const n = test.labels.length;
  const predictions = argmaxRows(probs, k);
  const cm = confusionMatrix(test.labels, predictions, k);
  const scores = perClassScores(cm);
  const metrics: EvaluateMetrics = {
    loss: lossAndAccuracy(probs, test.labels, k).loss,
    accuracy: accuracy(cm),
    top_k_accuracy: topKAccuracy(probs, test.labels, k, p.top_k),
    top_k: p.top_k,
    macro_f1: macroF1(cm),
    balanced_accuracy: balancedAccuracy(cm),
    per_class: Object.fromEntries(CLASS_NAMES.map((name, c) => [name, scores[c]!])),
    confusion_matrix: cm,
    classes: [...CLASS_NAMES],
    tta_flip: p.tta_flip,
    tta_shift: p.tta_shift,
    eval_split: p.eval_split,
    normalize,
    ensemble: members.length,
    backend: backend.choice,
    n_test: n,
    by_usage: accuracyByUsage(scored.usage, test.labels, predictions),
  };
  const rows: ConfusionRow[] = [];
  CLASS_NAMES.forEach((actual, t) => CLASS_NAMES.forEach((predicted, q) => rows.push({ actual, predicted, count: cm[t]![q]! })));
  await writeJsonAtomically(paths.metrics, metrics);
  await writeJsonAtomically(paths.confusion, rows);
  if (members.length > 1) log(`averaged the probabilities of ${members.length} networks (${paths.model}/ensemble.json)`);
  log(`${p.eval_split}: ${n} images, loss ${metrics.loss.toFixed(4)}, accuracy ${metrics.accuracy.toFixed(4)}, macro-F1 ${metrics.macro_f1.toFixed(4)}`);
  log(`accuracy by FER2013 usage: ${Object.entries(metrics.by_usage).map(([u, s]) => `${u} ${s.accuracy.toFixed(4)} (${s.n} images)`).join(', ')}`);
  if (n > 0) {
    // as the reference project did: the first test image's class probabilities and prediction
    const first = probs.subarray(0, k);
    log(`first ${p.eval_split} image (${CLASS_NAMES[test.labels[0]!]}): ` + CLASS_NAMES.map((name, c) => `${name} ${first[c]!.toFixed(4)}`).join(', '));
    log(`predicted: ${CLASS_NAMES[argMax(first)]}`);
  }
  return metrics;
}
