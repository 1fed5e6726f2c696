// A stage's `wdir` must be a folder: the command runs in it. One naming a file would fail the run
// with a raw ENOTDIR, and one that does not exist (a typo) would be created by the run and the
// stage run there unnoticed; `pipe stage add -w` refuses both, and so does the loader. A wdir that
// is or lies inside a declared output is left alone: the stage making it creates it first.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Failure, SourceLocation } from './failure.js';
import { isWithin } from './paths.js';
import { stageOutputs, type StageSpec } from './types.js';

/** One failure per stage whose wdir (at `location`) is a file or does not exist. One stat per stage with a wdir. */
export function badWdirs(root: string, stages: readonly StageSpec[], wdirs: readonly { stage: StageSpec; location: SourceLocation }[]): Failure[] {
  const failures: Failure[] = [];
  const outputs = stages.flatMap((s) => stageOutputs(s).map((o) => o.path));
  for (const { stage, location } of wdirs) {
    const { wdir } = stage;
    if (wdir === '' || outputs.some((o) => isWithin(wdir, o))) continue;
    let folder: boolean | undefined;
    try {
      folder = statSync(join(root, wdir)).isDirectory();
    } catch {
      folder = undefined;
    }
    if (folder === true) continue;
    const problem = folder === false ? 'is a file, not a folder' : 'does not exist';
    const fix = folder === false ? 'name the folder to run it in' : `create it (\`mkdir -p ${wdir}\`), or correct the name`;
    failures.push({ kind: 'wdir', message: `wdir '${wdir}' of stage '${stage.name}' ${problem}: the command runs in it and its paths are relative to it; ${fix}`, location });
  }
  return failures;
}
