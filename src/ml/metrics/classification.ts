// Classification metrics as pure functions over a confusion matrix (or class probabilities),
// used by the evaluate and baseline stages.
// Conventions, stated once:
//   - confusion[t][p] counts examples of true class t predicted as class p (rows: truth).
//   - Every 0/0 (precision of a never-predicted class, recall of an absent class, F1 when
//     precision + recall = 0, accuracy of zero examples) is defined as 0.
//   - macro-F1 averages F1 over the classes that occur in the truth or the predictions
//     (as scikit-learn does without an explicit label list); balanced accuracy averages recall
//     over the classes that occur in the truth. Both are 0 when no class qualifies.
//   - argmax and top-k break ties by the lower class index.

export type ConfusionMatrix = number[][];

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** number of examples whose true class is this one */
  support: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

function checkClass(value: number, numClasses: number, what: string, i: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
    throw new RangeError(`${what}[${i}] = ${value} is not a class index 0..${numClasses - 1}`);
  }
}

export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  numClasses: number,
): ConfusionMatrix {
  if (labels.length !== predictions.length) {
    throw new RangeError(`${labels.length} labels but ${predictions.length} predictions`);
  }
  const cm: ConfusionMatrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    checkClass(t, numClasses, 'labels', i);
    checkClass(p, numClasses, 'predictions', i);
    cm[t]![p]! += 1;
  }
  return cm;
}

function total(cm: ConfusionMatrix): number {
  return cm.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
}

export function accuracy(cm: ConfusionMatrix): number {
  let correct = 0;
  for (let c = 0; c < cm.length; c++) correct += cm[c]![c]!;
  return ratio(correct, total(cm));
}

export function perClassScores(cm: ConfusionMatrix): ClassScores[] {
  const k = cm.length;
  return Array.from({ length: k }, (_, c) => {
    const tp = cm[c]![c]!;
    const support = cm[c]!.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let t = 0; t < k; t++) predicted += cm[t]![c]!;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
}

export function macroF1(cm: ConfusionMatrix): number {
  const scores = perClassScores(cm);
  const present = scores.filter((s, c) => s.support > 0 || cm.some((row) => row[c]! > 0));
  return ratio(
    present.reduce((a, s) => a + s.f1, 0),
    present.length,
  );
}

export function balancedAccuracy(cm: ConfusionMatrix): number {
  const present = perClassScores(cm).filter((s) => s.support > 0);
  return ratio(
    present.reduce((a, s) => a + s.recall, 0),
    present.length,
  );
}

/** Index of the largest of the numClasses values of each row of a flat n*numClasses array. */
export function argmaxRows(probs: ArrayLike<number>, numClasses: number): Uint8Array | Uint16Array {
  const n = probs.length / numClasses;
  if (!Number.isInteger(n)) throw new RangeError(`${probs.length} values is not a multiple of ${numClasses} classes`);
  const out = numClasses <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probs[i * numClasses + c]! > probs[i * numClasses + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/**
 * Fraction of examples whose true class is among the k highest-probability classes.
 * `probs` is flat, n rows of numClasses; a class ranks above another when its probability is
 * higher, or equal with a lower index.
 */
export function topKAccuracy(probs: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number, k: number): number {
  const n = labels.length;
  if (probs.length !== n * numClasses) {
    throw new RangeError(`${probs.length} probabilities for ${n} labels of ${numClasses} classes`);
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const t = labels[i]!;
    checkClass(t, numClasses, 'labels', i);
    const pt = probs[i * numClasses + t]!;
    // rank of the true class = classes ranked above it
    let above = 0;
    for (let c = 0; c < numClasses; c++) {
      const pc = probs[i * numClasses + c]!;
      if (pc > pt || (pc === pt && c < t)) above++;
    }
    if (above < k) hits++;
  }
  return ratio(hits, n);
}
