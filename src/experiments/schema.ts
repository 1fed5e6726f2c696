// The experiment record: `metrics/experiments/<id>.json`, one per `pipe repro` that ran, failed or
// restored a stage. Users commit these files, so the shape only changes with a version bump;
// readers accept every version up to SCHEMA_VERSION.
import { RECORDS_DIR } from '../stores/layout.js';

export const SCHEMA_VERSION = 1;
export const EXPERIMENTS_DIR = RECORDS_DIR;

export interface ExperimentRecord {
  schema_version: number;
  /** `YYYYMMDD-HHMMSS-xxxx` (UTC, random suffix): unique and sortable by creation time */
  id: string;
  name: string | null;
  /** ISO 8601 */
  created: string;
  /**
   * HEAD's commit when it ran, whether tracked files differed from it, and (`changed`, added
   * after version 1 was fixed: absent in records written before, where it is unknown) which:
   * paths relative to the project root (`../` for ones outside it), sorted
   */
  git: { rev: string; dirty: boolean; changed?: string[] } | null;
  pipe_version: string;
  /** the training backend the metrics report (a `backend` key), when any does */
  backend: string | null;
  /** params.yaml as data (nested), null when the project has none */
  params: unknown;
  /**
   * every other params file a stage of pipeline.yaml names (`params: [{other.yaml: [lr]}]`, or a
   * plain key in a stage with a `wdir`: `<wdir>/params.yaml`): path → the whole file as data (nested),
   * null when it was missing; `{}` when no stage names one. Records written before this field
   * existed lack it: their other files are unknown, not missing.
   */
  other_params?: Record<string, unknown>;
  /**
   * every file declared under `metrics:`: path → flattened values; null when it was missing, or
   * when the stage that writes it is in `stale_stages`
   */
  metrics: Record<string, Record<string, unknown> | null>;
  /**
   * every file declared under `plots:` (rows), so plots of old experiments can be redrawn; null
   * as for metrics
   */
  plots: Record<string, unknown[] | null>;
  stages: { name: string; outcome: string; duration_ms: number }[];
  /**
   * stages whose outputs did not come from this run's inputs: this run's failed and skipped
   * stages, and stages it left out that were out of date after it (`pipe repro train` leaves
   * evaluate stale). Their metrics and plots are recorded as null. Records written before this
   * field existed lack it: unknown, not "none stale".
   */
  stale_stages?: string[];
  /** pipeline.lock text after the run: `pipe exp apply` restores the outs it names */
  pipeline_lock: string | null;
  /**
   * exact text of the file outputs declared `cache: false` (typically metrics and plots), which
   * the cache cannot give back: `pipe exp apply` writes them back byte for byte
   */
  uncached_outs: Record<string, string>;
  /**
   * the tracking files of the data `pipe add` tracks (`data/raw.pipe`), path → exact text, as they
   * were after the run: which version of the raw data the experiment ran on. `exp apply` and `exp
   * branch` write them back. Absent when the project tracks none, and in records written before.
   */
  tracked_files?: Record<string, string>;
}
