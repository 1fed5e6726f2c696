// The outputs of stages pipeline.yaml no longer has (a stage deleted, a foreach item taken out:
// `train.seeds` from five to three) would stay in the workspace, where a folder dep holding them
// (`data/members`, the ensemble stage's) still sees them: it would differ from a clone's, and from
// the run that made it. Before a repro runs anything, such an output goes when it is exactly what
// pipeline.lock recorded and the cache holds it (so `pipe exp apply` brings it back); one that
// differs, or that a stage of pipeline.yaml declares, stays. DVC leaves them to `dvc remove`.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventSink } from './events.js';
import { isWithin } from './paths.js';
import type { LockFile, Stores } from './store-adapter.js';
import { stageOutputs, type Project } from './types.js';

export async function removeDroppedOutputs(project: Project, lock: LockFile, stores: Stores, emit: EventSink): Promise<void> {
  const defined = new Set(project.stages.map((s) => s.name));
  const declared = project.stages.flatMap((s) => stageOutputs(s).map((o) => o.path));
  for (const [name, entry] of Object.entries(lock.stages)) {
    if (defined.has(name)) continue;
    for (const out of entry.outs) {
      // a current stage's output, or one overlapping it, is that stage's business
      if (declared.some((p) => isWithin(p, out.path) || isWithin(out.path, p))) continue;
      const have = await stores.hasher.hashPath(out.path);
      if (have === undefined) continue;
      if (have.hash !== out.hash || !stores.objects.hasAll(out.hash)) {
        emit({ type: 'note', message: `${out.path}, an output of '${name}' (no longer in pipeline.yaml), differs from what pipeline.lock recorded: left as it is` });
        continue;
      }
      await rm(join(project.root, out.path), { recursive: true, force: true });
      emit({ type: 'note', message: `removed ${out.path}, an output of '${name}' (no longer in pipeline.yaml); the cache keeps it` });
    }
  }
}
