// Which images go to train / val / test. Pure: indices in, indices out.
//   random:   every class is shuffled on its own (one seeded generator, classes in label
//             order) and cut by the fractions: val = round(n*val), test = round(n*test), the
//             rest is train. Stratified, so each split has the class mix of the whole.
//   official: FER2013's own Usage: Training → train, PublicTest → val, PrivateTest → test,
//             comparable with published results.
// Each split's indices are returned in ascending order (dataset order); training shuffles.
import { createRng, shuffleInPlace } from '../../random.js';
import { NUM_CLASSES } from '../dataset.js';

export interface Fractions {
  train: number;
  val: number;
  test: number;
}

export interface Partition {
  train: number[];
  val: number[];
  test: number[];
}

export const SPLIT_NAMES = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

const ascending = (a: number, b: number): number => a - b;

export function randomPartition(labels: ArrayLike<number>, fractions: Fractions, seed: number): Partition {
  const rng = createRng(seed);
  const byClass: number[][] = Array.from({ length: NUM_CLASSES }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  const out: Partition = { train: [], val: [], test: [] };
  for (const members of byClass) {
    shuffleInPlace(members, rng);
    const n = members.length;
    const nTest = Math.round(n * fractions.test);
    const nVal = Math.min(n - nTest, Math.round(n * fractions.val));
    out.test.push(...members.slice(0, nTest));
    out.val.push(...members.slice(nTest, nTest + nVal));
    out.train.push(...members.slice(nTest + nVal));
  }
  out.train.sort(ascending);
  out.val.sort(ascending);
  out.test.sort(ascending);
  return out;
}

export function officialPartition(usage: ArrayLike<number>): Partition {
  const out: Partition = { train: [], val: [], test: [] };
  for (let i = 0; i < usage.length; i++) {
    const u = usage[i]!;
    (u === 0 ? out.train : u === 1 ? out.val : out.test).push(i);
  }
  return out;
}
