// Stage `train`: fits the CNN described by params.yaml `train:` on data/split/train (validating
// on data/split/val) and writes data/model/, metrics/train.json, metrics/train_history.json.
import { runStage } from '../src/ml/stage-main.js';
import { runTrain } from '../src/ml/train/run.js';

runStage(async () => {
  await runTrain();
  // the threaded wasm backend's worker pool can keep Node alive: end explicitly
  process.exit(process.exitCode ?? 0);
});
