// The train stage's metrics files: metrics/train.json (written by a whole-ensemble train stage,
// or by the ensemble stage of a per-seed pipeline) and each network's metrics/members/<seed>.json.

/** metrics/train.json, and metrics/members/<seed>.json for one network */
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
  /** networks in data/model (train.ensemble, or how many seeds train.seeds lists); the fields above are the first one's */
  ensemble: number;
  /** val loss / accuracy of the members' averaged probabilities (one member: its best epoch's) */
  ensemble_val_loss: number;
  ensemble_val_accuracy: number;
  /** each member's figures, when there are several */
  members?: MemberMetrics[];
}

export interface MemberMetrics {
  seed: number;
  best_epoch: number;
  best_val_loss: number;
  best_val_accuracy: number;
  epochs_run: number;
  stopped_early: boolean;
  train_seconds: number;
}

