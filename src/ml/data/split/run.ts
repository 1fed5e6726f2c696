// The split stage's work, without printing: partition a dataset by params.split and write
// data/split/{train,val,test} (dataset format) + summary.json, all in one atomic directory swap.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../failure.js';
import type { SplitParams } from '../../params/split.js';
import { CLASS_NAMES, PIXELS_PER_IMAGE, USAGE_NAMES, selectExamples, writeDataset, writeDirectoryAtomically, type Dataset } from '../dataset.js';
import { SPLIT_NAMES, officialPartition, randomPartition, type Partition } from './partition.js';

export interface SplitSummary {
  protocol: SplitParams['protocol'];
  /** null for the official protocol, which uses no randomness */
  seed: number | null;
  fractions: { train: number; val: number; test: number } | null;
  counts: Record<string, number>;
  per_class: Record<string, Record<string, number>>;
  /**
   * Images of one split whose pixels also occur in another: FER2013 holds byte-identical
   * copies (see data/ingest_summary.json), so a test image may have been seen in training.
   */
  overlap: { basis: 'pixel values'; val_in_train: number; test_in_train: number; test_in_val: number };
  /** split.blur, when not 0 (left out at 0, so the summary of an unblurred split never changes) */
  blur?: number;
  /** split.sharp_blur, when not 0: the rule and how many images of each split it blurred */
  sharp_blur?: { sigma: number; above_detail: number; blurred: { train: number; val: number; test: number } };
}

/** For each split after train, how many of its images have a pixel-identical twin in an earlier split. */
function crossSplitOverlap(ds: Dataset, part: Partition): SplitSummary['overlap'] {
  const hashes = (indices: number[]): string[] =>
    indices.map((i) => createHash('sha1').update(ds.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)).digest('hex'));
  const train = new Set(hashes(part.train));
  const valList = hashes(part.val);
  const val = new Set(valList);
  const testList = hashes(part.test);
  return {
    basis: 'pixel values',
    val_in_train: valList.filter((h) => train.has(h)).length,
    test_in_train: testList.filter((h) => train.has(h)).length,
    test_in_val: testList.filter((h) => val.has(h)).length,
  };
}

export function partitionFor(ds: Dataset, params: SplitParams): Result<Partition> {
  const part =
    params.protocol === 'official'
      ? officialPartition(ds.usage)
      : randomPartition(ds.labels, { train: params.train, val: params.val, test: params.test }, params.seed);
  // An empty val split would leave training without a validation loss (NaN) and the ensemble
  // stage without a best epoch, so it is refused here like an empty train or test split.
  for (const name of SPLIT_NAMES) {
    if (part[name].length === 0) {
      const why =
        params.protocol === 'official'
          ? `the dataset has no ${USAGE_NAMES[SPLIT_NAMES.indexOf(name)]} images`
          : `${ds.labels.length} images are too few for split.${name} = ${params[name]}`;
      return fail({
        where: 'params.yaml',
        message: `split.protocol ${params.protocol}: the ${name} split would be empty: ${why}`,
        hint: params.protocol === 'official' ? 'use `split.protocol: random`, or ingest a source with all three FER2013 usages' : 'ingest more images (ingest.limit) or change the fractions',
      });
    }
  }
  return ok(part);
}

/**
 * `sharpBlurred` (one byte per image of `ds`, 1: split.sharp_blur blurred it) is needed only when
 * params.sharp_blur is not 0.
 */
export function summarize(ds: Dataset, part: Partition, params: SplitParams, sharpBlurred?: Uint8Array): SplitSummary {
  const random = params.protocol === 'random';
  const per_class: Record<string, Record<string, number>> = {};
  for (const c of CLASS_NAMES) per_class[c] = { train: 0, val: 0, test: 0 };
  for (const s of SPLIT_NAMES) for (const i of part[s]) per_class[CLASS_NAMES[ds.labels[i]!]!]![s]! += 1;
  return {
    protocol: params.protocol,
    seed: random ? params.seed : null,
    fractions: random ? { train: params.train, val: params.val, test: params.test } : null,
    counts: { train: part.train.length, val: part.val.length, test: part.test.length },
    per_class,
    overlap: crossSplitOverlap(ds, part),
    ...(params.blur > 0 ? { blur: params.blur } : {}),
    ...(params.sharp_blur > 0
      ? {
          sharp_blur: {
            sigma: params.sharp_blur,
            above_detail: params.sharp_detail,
            blurred: {
              train: part.train.filter((i) => sharpBlurred?.[i] === 1).length,
              val: part.val.filter((i) => sharpBlurred?.[i] === 1).length,
              test: part.test.filter((i) => sharpBlurred?.[i] === 1).length,
            },
          },
        }
      : {}),
  };
}

/** Writes `outDir`/{train,val,test}/ and `outDir`/summary.json atomically (all or nothing). */
export async function writeSplit(outDir: string, ds: Dataset, part: Partition, summary: SplitSummary): Promise<void> {
  await writeDirectoryAtomically(outDir, async (tmp) => {
    for (const s of SPLIT_NAMES) await writeDataset(join(tmp, s), selectExamples(ds, part[s]));
    await writeFile(join(tmp, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  });
}
