// Stage `ensemble`: gathers the networks of train.seeds (data/members/<seed>/, one train@<seed>
// stage each) into data/model, scores their averaged probabilities on data/split/val, and writes
// metrics/train.json and metrics/train_history.json (src/ml/train/combine.ts).
import { runStage } from '../src/ml/stage-main.js';
import { runCombine } from '../src/ml/train/combine.js';

runStage(async () => {
  await runCombine();
  // the threaded wasm backend's worker pool can keep Node alive: end explicitly
  process.exit(process.exitCode ?? 0);
});
