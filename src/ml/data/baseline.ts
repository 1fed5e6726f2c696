// The majority-class baseline: the most frequent class of the training split predicted for
// every evaluation image. Any model worth training must beat it (FER2013: "always happy",
// about 0.25 accuracy).
import { accuracy, balancedAccuracy, confusionMatrix, macroF1 } from '../metrics/classification.js';
import { CLASS_NAMES, NUM_CLASSES } from './dataset.js';

export interface BaselineMetrics {
  accuracy: number;
  balanced_accuracy: number;
  macro_f1: number;
  majority_class: number;
  majority_class_name: string;
  /** training-split images of the majority class / all training-split images */
  majority_share_train: number;
  eval_split: string;
  n_train: number;
  n_eval: number;
}

/** Most frequent label; ties go to the lower class index. */
export function majorityClass(labels: ArrayLike<number>): number {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]! += 1;
  let best = 0;
  for (let c = 1; c < NUM_CLASSES; c++) if (counts[c]! > counts[best]!) best = c;
  return best;
}

export function majorityBaseline(trainLabels: Uint8Array, evalLabels: Uint8Array, evalSplit: string): BaselineMetrics {
  const majority = majorityClass(trainLabels);
  const cm = confusionMatrix(evalLabels, new Uint8Array(evalLabels.length).fill(majority), NUM_CLASSES);
  const inTrain = trainLabels.reduce((n, l) => n + (l === majority ? 1 : 0), 0);
  return {
    accuracy: accuracy(cm),
    balanced_accuracy: balancedAccuracy(cm),
    macro_f1: macroF1(cm),
    majority_class: majority,
    majority_class_name: CLASS_NAMES[majority]!,
    majority_share_train: trainLabels.length === 0 ? 0 : inTrain / trainLabels.length,
    eval_split: evalSplit,
    n_train: trainLabels.length,
    n_eval: evalLabels.length,
  };
}
