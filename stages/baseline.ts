// Stage `baseline`: the training split's majority class predicted for every image of the
// evaluation split (params `baseline.eval_split`, default test) → metrics/baseline.json.
import { join } from 'node:path';
import { writeJsonAtomically } from '../src/ml/atomic-file.js';
import { majorityBaseline } from '../src/ml/data/baseline.js';
import { readDataset } from '../src/ml/data/dataset.js';
import { baselineSection } from '../src/ml/params/baseline.js';
import { requireParams } from '../src/ml/params/load.js';
import { runStage } from '../src/ml/stage-main.js';

const SPLIT_DIR = 'data/split';
const METRICS_FILE = 'metrics/baseline.json';

runStage(async () => {
  const params = await requireParams(baselineSection);
  const train = await readDataset(join(SPLIT_DIR, 'train'));
  const evalSet = await readDataset(join(SPLIT_DIR, params.eval_split));
  const m = majorityBaseline(train.labels, evalSet.labels, params.eval_split);
  await writeJsonAtomically(METRICS_FILE, m);
  process.stdout.write(
    `baseline: always "${m.majority_class_name}" (${(100 * m.majority_share_train).toFixed(1)}% of train) → ` +
      `${params.eval_split} accuracy ${m.accuracy.toFixed(4)} on ${m.n_eval} images → ${METRICS_FILE}\n`,
  );
});
