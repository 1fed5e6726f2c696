// Stage `evaluate`: scores data/model on data/split/test and writes metrics/evaluate.json and
// the confusion-matrix plot data metrics/confusion.json.
import { runEvaluate } from '../src/ml/model/evaluate.js';
import { runStage } from '../src/ml/stage-main.js';

runStage(async () => {
  await runEvaluate();
  // the threaded wasm backend's worker pool can keep Node alive: end explicitly
  process.exit(process.exitCode ?? 0);
});
