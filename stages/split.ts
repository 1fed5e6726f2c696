// Stage `split`: data/dataset → data/split/{train,val,test} (dataset format) and
// data/split/summary.json, by params `split.protocol` (random: seeded, stratified by class,
// fractions split.train/val/test; official: FER2013's Training/PublicTest/PrivateTest).
import { IMAGE_HEIGHT, IMAGE_WIDTH, readDataset } from '../src/ml/data/dataset.js';
import { blurImages, blurSharpImages } from '../src/ml/data/split/blur.js';
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
  // The sharp images are found on the images as ingested, before any split.blur.
  const sharp = params.sharp_blur > 0 ? blurSharpImages(read.pixels, IMAGE_HEIGHT, IMAGE_WIDTH, params.sharp_blur, params.sharp_detail) : null;
  const base = sharp === null ? read : { ...read, pixels: sharp.pixels };
  const ds = params.blur > 0 ? { ...base, pixels: blurImages(base.pixels, IMAGE_HEIGHT, IMAGE_WIDTH, params.blur) } : base;
  const part = partitionFor(ds, params);
  if (!part.ok) throw new FailureError(part.failures);
  const summary = summarize(ds, part.value, params, sharp?.blurred);
  await writeSplit(SPLIT_DIR, ds, part.value, summary);
  const how =
    (params.protocol === 'random' ? `random, seed ${params.seed}, ${params.train}/${params.val}/${params.test}` : 'official: Training / PublicTest / PrivateTest') +
    (params.sharp_blur > 0 ? `; images with fine detail above ${params.sharp_detail} blurred, sigma ${params.sharp_blur}` : '') +
    (params.blur > 0 ? `; every image blurred, sigma ${params.blur}` : '');
  const c = summary.counts;
  const o = summary.overlap;
  process.stdout.write(
    `split (${how}): train ${c.train}, val ${c.val}, test ${c.test} → ${SPLIT_DIR}/{train,val,test}\n` +
      (summary.sharp_blur === undefined
        ? ''
        : `  sharp images blurred: train ${summary.sharp_blur.blurred.train}, val ${summary.sharp_blur.blurred.val}, test ${summary.sharp_blur.blurred.test}\n`) +
      `  identical pixels across splits: ${o.test_in_train} test and ${o.val_in_train} val images also in train, ${o.test_in_val} test images also in val\n`,
  );
});
