// The outputs of a foreach or matrix copy that pipeline.yaml no longer makes (a seed taken out of
// `train.seeds`: `train@3042`) would stay in the workspace, where a folder dep holding them
// (`data/members`, the ensemble stage's) still sees them: it would differ from a clone's, and
// from the run that made it. Before a whole-pipeline repro runs anything, such an output goes
// when it is exactly what pipeline.lock recorded and the cache holds it (so `pipe exp apply`
// brings it back). It stays when it differs, when a stage of pipeline.yaml declares it, when a
// stage reads it (a dep on it or inside it), when git tracks it (a `cache: false` metric committed
// to git), and whenever the whole stage was deleted rather
// than one of its copies: that may be data the user means to keep, as DVC leaves it.
// `pipe status` and `repro --dry` ask the same question (findDroppedOutputs) and decide the
// stages after it as if the removals were done, so they foresee what repro will do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeDropped, type DroppedOutput, type EventSink } from './events.js';
import { gitTrackedPaths, pathsLookedAt } from './gitignore-outs.js';
import { isWithin } from './paths.js';
import { heldByCache, removeTree, type LockFile, type Stores } from './store-adapter.js';
import { KEPT_DIR, keepBeforeRestore, keptStamp } from './unrecorded-outs.js';
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
  if (dropped.length === 0) return findStrayOutputs(project, lock, stores);
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
  // what git tracks (a `cache: false` metric committed with the code) stays: deleting it would
  // show as the user's own change in `git status` and mark the next experiment dirty
  const tracked = await gitTrackedPaths(project.root, found.filter((d) => d.action === 'remove').map((d) => d.path));
  const strays = await findStrayOutputs(project, lock, stores);
  return [...found.map((d) => (tracked.has(d.path) ? { ...d, action: 'keep' as const, gitTracked: true as const } : d)), ...strays];
}

/**
 * Outputs pipe made (gitignored.json holds every path it kept out of git) that neither
 * pipeline.yaml nor pipeline.lock names now, still in the workspace inside a folder a current
 * stage depends on: a foreach item of the branch checked out before (`out/3.txt` beside this
 * branch's `out/1.txt`, `out/2.txt`), which would feed that stage a result this branch never
 * made. Each goes (the cache holds it, so the other branch's checkout brings it back) or, when the
 * cache does not hold it, moves to .pipe/kept/. Left alone: what a stage reads directly, what git
 * tracks, data `pipe add` tracks. One read of a small file and no hashing unless some such path
 * lies in a dep folder, so a no-op status costs the same.
 */
export async function findStrayOutputs(project: Project, lock: LockFile, stores: Stores): Promise<DroppedOutput[]> {
  const deps = project.stages.flatMap((s) => s.deps.map((d) => ({ path: d.path, stage: s.name })));
  if (deps.length === 0) return [];
  const looked = await pathsLookedAt(project.root);
  if (looked.length === 0) return [];
  const named = [...project.stages.flatMap((s) => stageOutputs(s).map((o) => o.path)), ...Object.values(lock.stages).flatMap((e) => e.outs.map((o) => o.path))];
  const found: DroppedOutput[] = [];
  for (const p of looked) {
    const holder = deps.find((d) => d.path !== p && isWithin(p, d.path));
    if (holder === undefined) continue;
    if (deps.some((d) => isWithin(d.path, p))) continue; // a stage reads it (or something in it)
    if (named.some((n) => isWithin(n, p) || isWithin(p, n))) continue;
    if (existsSync(join(project.root, `${p}.pipe`))) continue; // data `pipe add` tracks
    const have = await stores.hasher.hashPath(p);
    if (have === undefined) continue;
    const held = await heldByCache(stores.objects, stores.hasher, p, have.hash);
    found.push({ path: p, stage: holder.stage, action: held ? 'remove' : 'move', stray: { dep: holder.path } });
  }
  if (found.length === 0) return [];
  const tracked = await gitTrackedPaths(project.root, found.map((d) => d.path));
  return found.filter((d) => !tracked.has(d.path));
}

/** Before a whole-pipeline repro runs anything: removes what findDroppedOutputs says goes. */
export async function removeDroppedOutputs(project: Project, lock: LockFile, stores: Stores, emit: EventSink, only: 'all' | 'strays' = 'all'): Promise<DroppedOutput[]> {
  const found = only === 'all' ? await findDroppedOutputs(project, lock, stores) : await findStrayOutputs(project, lock, stores);
  const stamp = keptStamp();
  const done: DroppedOutput[] = [];
  for (const d of found) {
    if (d.action === 'move') {
      // as a restore keeps what the cache does not hold: nothing of it is lost
      try {
        const message = await keepBeforeRestore(project.root, d.stage, d.path, stores, stamp, '', (it) => `before removing ${it} from '${d.stray?.dep ?? ''}' (no stage makes ${it})`);
        if (message !== undefined) emit({ type: 'warning', message });
        await removeTree(join(project.root, d.path));
      } catch (err) {
        emit({ type: 'warning', message: `could not move '${d.path}' to ${KEPT_DIR}/: ${(err as Error).message}; it was left as it is` });
        continue;
      }
    }
    if (d.action === 'remove') await removeTree(join(project.root, d.path));
    emit({ type: 'note', message: describeDropped(d, 'done') });
    done.push(d);
  }
  return done;
}
