// Stage `ingest`: FER2013 (image folders or fer2013.csv, at params `ingest.source`) →
// data/dataset (the compact format of src/ml/data/dataset.ts) + data/ingest_summary.json
// (counts per class and usage, skipped inputs, duplicate images).
import { writeJsonAtomically } from '../src/ml/atomic-file.js';
import { CLASS_NAMES, USAGE_NAMES, writeDataset } from '../src/ml/data/dataset.js';
import { ingest } from '../src/ml/data/ingest/run.js';
import { FailureError } from '../src/ml/failure.js';
import { ingestSection } from '../src/ml/params/ingest.js';
import { requireParams } from '../src/ml/params/load.js';
import { runStage } from '../src/ml/stage-main.js';

export const DATASET_DIR = 'data/dataset';
export const SUMMARY_FILE = 'data/ingest_summary.json';

runStage(async () => {
  const params = await requireParams(ingestSection);
  const started = performance.now();
  const result = await ingest(params, (msg) => process.stdout.write(`ingest: ${msg}\n`));
  if (!result.ok) throw new FailureError(result.failures);
  const { dataset, summary } = result.value;
  // dataset first: the summary describes it, so it must never describe a dataset not written
  await writeDataset(DATASET_DIR, dataset);
  await writeJsonAtomically(SUMMARY_FILE, summary);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const usage = USAGE_NAMES.map((u) => `${u} ${summary.per_usage[u]}`).join(', ');
  const classes = CLASS_NAMES.map((c) => `${c} ${summary.per_class[c]!.total}`).join(', ');
  const d = summary.duplicates;
  process.stdout.write(
    `ingest: ${summary.images} images (${summary.layout}) in ${secs} s → ${DATASET_DIR}\n` +
      `  usage: ${usage}\n  class: ${classes}\n` +
      `  skipped: ${summary.skipped.count}\n` +
      `  identical images (${d.basis}): ${d.redundant_copies} copies in ${d.groups} groups, ` +
      `${d.cross_usage_groups} groups across usages, ${d.conflicting_label_groups} with conflicting labels\n`,
  );
});
