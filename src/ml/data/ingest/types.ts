// What the ingest readers produce before the dataset is assembled.
import type { Failure } from '../../failure.js';

/** One image that decoded, with the hash of its source bytes (for duplicate detection). */
export interface IngestedImage {
  label: number;
  usage: number;
  id: string;
  /** hex digest of the source bytes: the file, or the CSV row's pixel values */
  hash: string;
}

export interface SkippedItem {
  /** `path/to/file.jpg` or `fer2013.csv:812` */
  where: string;
  reason: string;
}

/** How a bad image / row is handled: `error` stops at the first one, `skip` counts it. */
export type OnBad = 'error' | 'skip';

export const ON_BAD_HINT =
  'fix or remove it, or set `ingest.on_bad: skip` in params.yaml to skip bad images and count them in data/ingest_summary.json';

export function badItemFailure(item: SkippedItem): Failure {
  return { where: item.where, message: item.reason, hint: ON_BAD_HINT };
}
