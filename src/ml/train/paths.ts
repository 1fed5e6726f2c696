// Where the train stage reads and writes: the whole-ensemble layout (data/model,
// metrics/train.json) and one network of a per-seed pipeline (data/members/<seed>, ...).
import { PARAMS_FILE } from '../params/load.js';

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

/** One network of a per-seed pipeline (`train@42`): its seed, and where its files go. */
export function memberPaths(seed: number, params: string = PARAMS_FILE): TrainPaths {
  return {
    params,
    train: DEFAULT_TRAIN_PATHS.train,
    val: DEFAULT_TRAIN_PATHS.val,
    model: `data/members/${seed}`,
    metrics: `metrics/members/${seed}.json`,
    history: `metrics/members/${seed}_history.json`,
  };
}

