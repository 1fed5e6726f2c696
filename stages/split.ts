// Stage `split`: data/dataset → data/split/{train,val,test} (dataset format) and
// data/split/summary.json, by params `split.protocol` (random: seeded, stratified by class,
// fractions split.train/val/test; official: FER2013's Training/PublicTest/PrivateTest).
import { IMAGE_HEIGHT, IMAGE_WIDTH, readDataset } from '../src/ml/data/dataset.js';
import { blurImages } from '../src/ml/data/split/blur.js';
import { partitionFor, summarize, writeSplit } from '../src/ml/data/split/run.js';
import { FailureError } from '../src/ml/failure.js';
import { requireParams } from '../src/ml/params/load.js';
import { splitSection } from '../src/ml/params/split.js';
import { runStage } from '../src/ml/stage-main.js';

const DATASET_DIR = 'data/dataset';
const SPLIT_DIR = 'data/split';

runStage(async () => {
  const params = await requireParams(splitSection);
  const read = await readDataset(DATASET_DIR);
  const ds = params.blur > 0 ? { ...read, pixels: blurImages(read.pixels, IMAGE_HEIGHT, IMAGE_WIDTH, params.blur) } : read;
  const part = partitionFor(ds, params);
  if (!part.ok) throw new FailureError(part.failures);
  const summary = summarize(ds, part.value, params);
  await writeSplit(SPLIT_DIR, ds, part.value, summary);
  const how =
    (params.protocol === 'random' ? `random, seed ${params.seed}, ${params.train}/${params.val}/${params.test}` : 'official: Training / PublicTest / PrivateTest') +
    (params.blur > 0 ? `; every image blurred, sigma ${params.blur}` : '');
  const c = summary.counts;
  const o = summary.overlap;
  process.stdout.write(
    `split (${how}): train ${c.train}, val ${c.val}, test ${c.test} → ${SPLIT_DIR}/{train,val,test}\n` +
      `  identical pixels across splits: ${o.test_in_train} test and ${o.val_in_train} val images also in train, ${o.test_in_val} test images also in val\n`,
  );
});
