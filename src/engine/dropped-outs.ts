// The outputs of a foreach or matrix copy that pipeline.yaml no longer makes (a seed taken out of
// `train.seeds`: `train@3042`) would stay in the workspace, where a folder dep holding them
// (`data/members`, the ensemble stage's) still sees them: it would differ from a clone's, and
// from the run that made it. Before a whole-pipeline repro runs anything, such an output goes
// when it is exactly what pipeline.lock recorded and the cache holds it (so `pipe exp apply`
// brings it back). It stays when it differs, when a stage of pipeline.yaml declares it, when a
// stage reads it (a dep on it or inside it), and whenever the whole stage was deleted rather
// than one of its copies: that may be data the user means to keep, as DVC leaves it.
// `pipe status` and `repro --dry` ask the same question (findDroppedOutputs) and decide the
// stages after it as if the removals were done, so they foresee what repro will do.
import { join } from 'node:path';
import { describeDropped, type DroppedOutput, type EventSink } from './events.js';
import { isWithin } from './paths.js';
import { removeTree, type LockFile, type Stores } from './store-adapter.js';
import { stageOutputs, type Project } from './types.js';

/** Only a run of the whole pipeline removes them: a partial run leaves the dropped entries in
 *  the lock too, and the stages it leaves out may still want the outputs. */
export function removesDroppedOutputs(targets: readonly string[] | undefined): boolean {
  return targets === undefined || targets.length === 0;
}

/**
 * The outputs of dropped copies still in the workspace that no current stage declares or reads,
 * each with what a repro does with it. Hashes nothing when pipeline.lock names no dropped copy
 * (the common case, and the no-op `pipe status`).
 */
export async function findDroppedOutputs(project: Project, lock: LockFile, stores: Stores): Promise<DroppedOutput[]> {
  const defined = new Set(project.stages.map((s) => s.name));
  // the groups of copies pipeline.yaml still has (`train` of `train@42`)
  const groups = new Set(project.stages.filter((s) => s.name.includes('@')).map((s) => s.name.slice(0, s.name.indexOf('@'))));
  const dropped = Object.entries(lock.stages).filter(([name]) => {
    const at = name.indexOf('@');
    return !defined.has(name) && at >= 0 && groups.has(name.slice(0, at));
  });
  if (dropped.length === 0) return [];
  const declared = project.stages.flatMap((s) => stageOutputs(s).map((o) => o.path));
  const read = project.stages.flatMap((s) => s.deps.map((d) => ({ path: d.path, stage: s.name })));
  const found: DroppedOutput[] = [];
  for (const [name, entry] of dropped) {
    for (const out of entry.outs) {
      // a current stage's output, or one overlapping it, is that stage's business; a dep on it
      // (or on something inside it) means a stage still reads it
      if (declared.some((p) => isWithin(p, out.path) || isWithin(out.path, p))) continue;
      const reader = read.find((d) => isWithin(d.path, out.path));
      const have = await stores.hasher.hashPath(out.path);
      if (have === undefined) continue;
      if (reader !== undefined) {
        // said, as the lock is about to forget the copy: nothing would name the file again
        found.push({ path: out.path, stage: name, action: 'keep', readBy: reader.stage });
        continue;
      }
      const remove = have.hash === out.hash && stores.objects.hasAll(out.hash);
      found.push({ path: out.path, stage: name, action: remove ? 'remove' : 'keep' });
    }
  }
  return found;
}

/** Before a whole-pipeline repro runs anything: removes what findDroppedOutputs says goes. */
export async function removeDroppedOutputs(project: Project, lock: LockFile, stores: Stores, emit: EventSink): Promise<DroppedOutput[]> {
  const found = await findDroppedOutputs(project, lock, stores);
  for (const d of found) {
    if (d.action === 'remove') await removeTree(join(project.root, d.path));
    emit({ type: 'note', message: describeDropped(d, 'done') });
  }
  return found;
}
