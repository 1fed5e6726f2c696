// The outputs of a foreach or matrix copy that pipeline.yaml no longer makes (a seed taken out of
// `train.seeds`: `train@3042`) would stay in the workspace, where a folder dep holding them
// (`data/members`, the ensemble stage's) still sees them: it would differ from a clone's, and
// from the run that made it. Before a whole-pipeline repro runs anything, such an output goes
// when it is exactly what pipeline.lock recorded and the cache holds it (so `pipe exp apply`
// brings it back). It stays when it differs, when a stage of pipeline.yaml declares it, when a
// stage reads it (a dep on it or inside it), and whenever the whole stage was deleted rather
// than one of its copies: that may be data the user means to keep, as DVC leaves it.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventSink } from './events.js';
import { isWithin } from './paths.js';
import type { LockFile, Stores } from './store-adapter.js';
import { stageOutputs, type Project } from './types.js';

export async function removeDroppedOutputs(project: Project, lock: LockFile, stores: Stores, emit: EventSink): Promise<void> {
  const defined = new Set(project.stages.map((s) => s.name));
  // the groups of copies pipeline.yaml still has (`train` of `train@42`)
  const groups = new Set(project.stages.filter((s) => s.name.includes('@')).map((s) => s.name.slice(0, s.name.indexOf('@'))));
  const declared = project.stages.flatMap((s) => stageOutputs(s).map((o) => o.path));
  const read = project.stages.flatMap((s) => s.deps.map((d) => d.path));
  for (const [name, entry] of Object.entries(lock.stages)) {
    const at = name.indexOf('@');
    if (defined.has(name) || at < 0 || !groups.has(name.slice(0, at))) continue;
    for (const out of entry.outs) {
      // a current stage's output, or one overlapping it, is that stage's business; a dep on it
      // (or on something inside it) means a stage still reads it
      if (declared.some((p) => isWithin(p, out.path) || isWithin(out.path, p))) continue;
      if (read.some((d) => isWithin(d, out.path))) continue;
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
