// An output folder written by hand in pipeline.yaml over a folder that holds data `pipe add`
// tracks (its `.pipe` file inside): the run would delete both. `pipe stage add` refuses such an
// output by walking it; the walk every command makes for `.pipe` files does not enter declared
// outputs (that would make a no-op `pipe status` walk every output folder), so this check runs
// where removal is near: for a stage `pipe repro` is about to run or restore, and for one `pipe
// status` / `repro --dry` says would. An up-to-date stage's outputs hold what its run made.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Failure } from './failure.js';
import { findTrackingFiles, readTrackingFile, type Tracked } from './tracked.js';
import { stageOutputs, type StageSpec } from './types.js';

/** One failure per output folder of `stage` that holds a tracking file, at the output's line. */
export function trackedInOutputs(root: string, stage: StageSpec): Failure[] {
  const failures: Failure[] = [];
  for (const out of stageOutputs(stage)) {
    if (statSync(join(root, out.path), { throwIfNoEntry: false })?.isDirectory() !== true) continue;
    // only files that read as tracking files: a stage may well write a `*.pipe` file of its own
    const tracked = findTrackingFiles(root, new Set(), out.path).map((f) => readTrackingFile(root, f)).filter((t): t is Tracked => !('kind' in t));
    const [first] = tracked;
    if (first === undefined) continue;
    const more = tracked.length > 1 ? ` (and ${tracked.length - 1} more .pipe file${tracked.length > 2 ? 's' : ''})` : '';
    failures.push({
      kind: 'tracking-file',
      message: `output '${out.path}' of stage '${stage.name}' holds ${first.file}, which tracks '${first.path}'${more}: a run removes its outputs before its command starts (a restore replaces them), so it would delete the tracked data and its .pipe file; a path is either added data or a stage's output: choose another output, or stop tracking it first (\`pipe remove ${first.file}\`)`,
      location: out.location,
    });
  }
  return failures;
}
