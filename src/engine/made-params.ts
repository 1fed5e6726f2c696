// Params files that a stage makes (`gen` writes best.yaml, `train` lists params from it): as in
// DVC, where params are deps, such a file is an edge of the graph, so its maker runs first; one
// that does not exist yet is accepted as a missing dep a stage makes is; and repro reads the
// reader's values again once its makers have run (config.ts reloadStage), so pipeline.lock
// records what the stage ran with.
import { isWithin } from './paths.js';
import { stageOutputs, type StageSpec } from './types.js';

/** Every params file `stage` reads: those its `params:` entries name, and those of `${...}` values. */
export function paramsFilesOf(stage: StageSpec): { path: string; location: StageSpec['location'] }[] {
  const files = [...(stage.paramsFiles ?? [])];
  for (const path of Object.keys(stage.params)) if (!files.some((f) => f.path === path)) files.push({ path, location: stage.location });
  return files;
}

/** Whether `file` is an output of some stage or lies inside one. */
export function madeByStage(stages: readonly StageSpec[], file: string): boolean {
  return stages.some((s) => stageOutputs(s).some((o) => isWithin(file, o.path)));
}

/** The names of the stages that read a params file another stage makes. */
export function readersOfMadeParams(stages: readonly StageSpec[]): Set<string> {
  const readers = new Set<string>();
  for (const stage of stages) {
    const others = stages.filter((s) => s !== stage);
    if (paramsFilesOf(stage).some((f) => madeByStage(others, f.path))) readers.add(stage.name);
  }
  return readers;
}
