// The ingest stage's work, without printing: find FER2013 at `params.source` in either layout,
// decode it, apply `limit`, and return the dataset plus its summary (or the failures).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Failure, type Result } from '../../failure.js';
import type { IngestParams } from '../../params/ingest.js';
import { CLASS_NAMES, PIXELS_PER_IMAGE, USAGE_NAMES, type Dataset } from '../dataset.js';
import { readCsv } from './csv.js';
import { findDuplicates, type DuplicateReport } from './duplicates.js';
import { isDirectory, readFolderImages, scanFolders } from './folders.js';
import { stratifiedSubset } from './subset.js';
import type { IngestedImage, SkippedItem } from './types.js';

export interface IngestSummary {
  source: string;
  layout: 'folders' | 'csv';
  limit: number | null;
  images: number;
  per_class: Record<string, Record<string, number>>;
  per_usage: Record<string, number>;
  skipped: { count: number; first: SkippedItem[] };
  /** folder layout: non-image files in class folders, not read */
  ignored_files: number;
  /** folder layout: files without a Training_/PublicTest_/PrivateTest_ prefix */
  usage_from_folder: number;
  /** folder layout: prefix disagreeing with train/ or test/ (the prefix wins) */
  usage_folder_mismatch: number;
  duplicates: DuplicateReport;
}

export interface IngestOutput {
  dataset: Dataset;
  summary: IngestSummary;
}

export type IngestProgress = (message: string) => void;

const HOW_TO_GET =
  'Get FER2013 from Kaggle: fer2013.csv from the "challenges-in-representation-learning-facial-expression-recognition-challenge"\n' +
  'competition, or an image-folder version (train|test/<class>/*.jpg). Put it there, or set `ingest.source` in\n' +
  'params.yaml to where it is (a folder holding train/ and test/ or fer2013.csv, or the .csv itself; relative to the project root).';

/** Which layout `params` points at, or why none. */
export function locateSource(params: IngestParams): Result<{ layout: 'folders'; dir: string } | { layout: 'csv'; file: string }> {
  const src = params.source;
  if (!existsSync(src)) return fail({ where: src, message: 'FER2013 not found: no such file or directory', hint: HOW_TO_GET });
  if (statSync(src).isFile()) {
    if (params.layout === 'folders') {
      return fail({ where: src, message: 'ingest.layout is folders but ingest.source is a file', hint: 'point ingest.source at the folder holding train/ and test/' });
    }
    return ok({ layout: 'csv', file: src });
  }
  const hasFolders = isDirectory(join(src, 'train')) || isDirectory(join(src, 'test'));
  const csv = join(src, 'fer2013.csv');
  const hasCsv = existsSync(csv);
  if (params.layout !== 'csv' && hasFolders) return ok({ layout: 'folders', dir: src });
  if (params.layout !== 'folders' && hasCsv) return ok({ layout: 'csv', file: csv });
  const wanted =
    params.layout === 'folders' ? 'no train/ or test/ folder' : params.layout === 'csv' ? 'no fer2013.csv' : 'neither train/ and test/ image folders nor fer2013.csv';
  return fail({ where: src, message: `FER2013 not found: ${wanted} in this folder`, hint: HOW_TO_GET });
}

function countTable(labels: ArrayLike<number>, usage: ArrayLike<number>): Pick<IngestSummary, 'per_class' | 'per_usage'> {
  const per_class: Record<string, Record<string, number>> = {};
  for (const c of CLASS_NAMES) per_class[c] = { ...Object.fromEntries(USAGE_NAMES.map((u) => [u, 0])), total: 0 };
  const per_usage: Record<string, number> = Object.fromEntries(USAGE_NAMES.map((u) => [u, 0]));
  for (let i = 0; i < labels.length; i++) {
    const row = per_class[CLASS_NAMES[labels[i]!]!]!;
    const u = USAGE_NAMES[usage[i]!]!;
    row[u] = row[u]! + 1;
    row.total = row.total! + 1;
    per_usage[u] = per_usage[u]! + 1;
  }
  return { per_class, per_usage };
}

export async function ingest(params: IngestParams, progress: IngestProgress = () => undefined): Promise<Result<IngestOutput>> {
  const where = locateSource(params);
  if (!where.ok) return where;
  const limit = params.limit ?? null;
  let pixels: Uint8Array;
  let images: IngestedImage[];
  let skipped: SkippedItem[];
  let extras = { ignored_files: 0, usage_from_folder: 0, usage_folder_mismatch: 0 };
  if (where.value.layout === 'folders') {
    const scan = scanFolders(where.value.dir);
    if (!scan.ok) return scan;
    let entries = scan.value.entries;
    if (entries.length === 0) {
      return fail({ where: where.value.dir, message: 'no .jpg/.jpeg/.png images in train/<class>/ or test/<class>/', hint: HOW_TO_GET });
    }
    // limit before decoding: a CI subset of the real data should not decode all of it
    if (limit !== null) {
      const keep = stratifiedSubset(entries.map((e) => e.label), entries.map((e) => e.usage), limit);
      entries = keep.map((i) => entries[i]!);
    }
    extras = {
      ignored_files: scan.value.ignored.length,
      usage_from_folder: entries.filter((e) => e.usageFromFolder).length,
      usage_folder_mismatch: entries.filter((e) => e.folderMismatch).length,
    };
    progress(`reading ${entries.length} images from ${where.value.dir}`);
    const read = await readFolderImages(where.value.dir, entries, params.on_bad);
    if (!read.ok) return read;
    ({ pixels, images, skipped } = read.value);
    progress(`decoded ${entries.length} files on ${read.value.threads} thread${read.value.threads === 1 ? '' : 's'}`);
  } else {
    progress(`reading ${where.value.file}`);
    const read = await readCsv(where.value.file, params.on_bad);
    if (!read.ok) return read;
    ({ pixels, images, skipped } = read.value);
    if (images.length === 0 && skipped.length === 0) {
      const f: Failure = { where: where.value.file, message: 'no data rows after the header', hint: HOW_TO_GET };
      return fail(f);
    }
    if (limit !== null && limit < images.length) {
      const keep = stratifiedSubset(images.map((im) => im.label), images.map((im) => im.usage), limit);
      const sub = new Uint8Array(keep.length * PIXELS_PER_IMAGE);
      keep.forEach((i, k) => sub.set(pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE), k * PIXELS_PER_IMAGE));
      pixels = sub;
      images = keep.map((i) => images[i]!);
    }
  }
  if (images.length === 0) {
    return fail({ where: params.source, message: `every image was bad and skipped (${skipped.length})`, hint: `the first: ${skipped[0]?.where}: ${skipped[0]?.reason}` });
  }
  const dataset: Dataset = {
    pixels,
    labels: Uint8Array.from(images, (im) => im.label),
    usage: Uint8Array.from(images, (im) => im.usage),
    ids: images.map((im) => im.id),
  };
  const summary: IngestSummary = {
    source: params.source,
    layout: where.value.layout,
    limit,
    images: images.length,
    ...countTable(dataset.labels, dataset.usage),
    skipped: { count: skipped.length, first: skipped.slice(0, 20) },
    ...extras,
    duplicates: findDuplicates(images, where.value.layout === 'folders' ? 'file bytes' : 'pixel values'),
  };
  return ok({ dataset, summary });
}
