// `pipe remove TARGET...` (DVC's `dvc remove`): a stage leaves pipeline.yaml (its lines cut out of
// the text, every other byte kept: stage-yaml.ts), pipeline.lock and the .gitignore lines pipe
// wrote for its outputs; tracked data loses its `.pipe` file and .gitignore line. The data itself
// stays in the workspace, and the cache keeps it, unless `outs` (with `force`, what the cache does
// not hold of it is kept in .pipe/kept/ rather than deleted). Every target is resolved and the
// new pipeline.yaml checked by the loader before anything is written; the new texts of
// pipeline.yaml, pipeline.lock and the .gitignore files are then written together (all or none).
import { existsSync, readFileSync } from 'node:fs';
import { lstat, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadProject, loadProjectText } from './config.js';
import type { EventSink } from './events.js';
import { formatLocation, type Failure, type SourceLocation } from './failure.js';
import { foreachParam } from './foreach.js';
import { forgetIgnored, unignorePlan, type GitignoreEdit } from './gitignore-outs.js';
import { isWithin, toRootRelative } from './paths.js';
import { PIPELINE_FILE } from './root.js';
import { workspaceContent } from './checkout.js';
import { lockProject } from './project-lock.js';
import { openStores, removeTree, readLock, renderLock, writeFilesTogether, yamlLib, type FileWrite } from './store-adapter.js';
import { withoutStage } from './stage-yaml.js';
import { subFileRefusal, targetStage } from './select.js';
import { closestName } from './suggest.js';
import { declaredOutputs, loadTracked } from './tracked.js';
import { stageOutputs, type Project, type StageSpec } from './types.js';
import { KEPT_DIR, keepBeforeRestore, keptStamp } from './unrecorded-outs.js';
import { YamlSource } from './yaml-source.js';

export interface RemoveRequest {
  /** as the user wrote them: stage names, or paths from `cwd` */
  targets: string[];
  cwd: string;
  /** delete the outputs (the tracked data) from the workspace too */
  outs: boolean;
  /** with `outs`: delete them even when the cache does not hold what they are now */
  force?: boolean;
}

export interface RemovedStage {
  /** the name in pipeline.yaml (a foreach/matrix stage's own name) */
  name: string;
  /** the stages it was, as every other command names them (`train@42`, ...; itself when plain) */
  items: string[];
  /** its outputs, root-relative */
  outputs: string[];
  /** whether pipeline.lock had an entry for it (it ran, or was committed) */
  locked: boolean;
}

/** A stage left in pipeline.yaml that reads what a removed stage made. */
export interface Dependent {
  stage: string;
  dep: string;
  location: SourceLocation;
  /** the removed stage that made it */
  from: string;
}

export interface RemoveResult {
  failures: Failure[];
  stages: RemovedStage[];
  /** tracking files removed, with the data they tracked */
  tracked: { file: string; path: string }[];
  dependents: Dependent[];
  /** the .gitignore lines taken out */
  unignored: { file: string; path: string }[];
  /** the paths deleted from the workspace (`outs`) */
  deleted: string[];
  /** what each output and tracked path was before: nothing, held by the cache, or not */
  content: Record<string, 'absent' | 'held' | 'unsaved'>;
  lockedBy?: number;
}

export async function removeTargets(root: string, req: RemoveRequest, emit: EventSink = () => {}): Promise<RemoveResult> {
  const result: RemoveResult = { failures: [], stages: [], tracked: [], dependents: [], unignored: [], deleted: [], content: {} };
  const refused = (...failures: Failure[]): RemoveResult => ({ ...result, failures });
  const loaded = loadProject(root);
  if (!loaded.ok) return refused(...loaded.failures, { kind: 'unknown-stage', message: `${PIPELINE_FILE} has errors; mend them, then remove (nothing was changed)` });
  const project = loaded.value;
  const path = join(root, PIPELINE_FILE);
  const text = readFileSync(path, 'utf8');
  const table = (yamlLib().parse(text) as { stages?: Record<string, unknown> | null } | null)?.stages ?? {};
  // checked against the stages that stay: removing the stage whose output a .pipe file tracks
  // (written before \`pipe add\` or \`pipe stage add\` refused it) is how to mend that
  // `pipeline.yaml:<stage>` (DVC's `dvc.yaml:<stage>`) is the stage; `dvc.yaml:<stage>` is refused saying so
  const prefixed = req.targets.map((t) => {
    if (Object.hasOwn(table, t) || !t.includes(':')) return { t };
    const read = targetStage(project, t, req.cwd);
    const sub = read.failure === undefined && read.output === undefined ? subFileRefusal(read.stage, 'remove') : undefined;
    return read.failure !== undefined ? { t, failure: read.failure } : sub !== undefined ? { t, failure: sub } : { t: read.output === undefined ? read.stage : t };
  });
  const wrongFile = prefixed.flatMap((p): Failure[] => (p.failure === undefined ? [] : [{ kind: 'unknown-stage', message: p.failure }]));
  if (wrongFile.length > 0) return refused(...wrongFile);
  const targets = prefixed.map((p) => p.t);
  const leaving = (name: string) => targets.some((t) => Object.hasOwn(table, t) && (name === t || name.startsWith(`${t}@`)));
  const known = loadTracked({ ...project, stages: project.stages.filter((s) => !leaving(s.name)) });
  if (!known.ok) return refused(...known.failures);
  const names = Object.keys(table);

  const failures: Failure[] = [];
  const stageNames: string[] = [];
  // an output's path next to its stage's name means the stage, named twice: said once
  const named = new Set(targets.filter((t) => Object.hasOwn(table, t)));
  const outputs = declaredOutputs(project);
  for (const t of targets) {
    if (Object.hasOwn(table, t)) {
      if (!stageNames.includes(t)) stageNames.push(t);
      continue;
    }
    const group = t.includes('@') ? t.slice(0, t.indexOf('@')) : undefined;
    if (group !== undefined && Object.hasOwn(table, group) && project.stages.some((s) => s.name === t)) {
      failures.push(itemRefusal(text, t, group, table[group]));
      continue;
    }
    const rel = toRootRelative(root, '', resolve(req.cwd, t));
    const hit = rel === undefined ? undefined : known.value.find((k) => k.path === rel || k.file === rel);
    if (hit !== undefined) {
      if (!result.tracked.some((r) => r.file === hit.file)) result.tracked.push({ file: hit.file, path: hit.path });
      continue;
    }
    const owner = rel === undefined ? undefined : outputs.find((o) => o.out.path === rel);
    if (owner !== undefined && named.has(owner.stage.split('@')[0] ?? owner.stage)) continue;
    failures.push(unknownTarget(project, names, known.value.map((k) => k.path), t, rel));
  }
  if (failures.length > 0) return refused(...failures);

  // the new pipeline.yaml, checked as every command will load it
  let candidate = text;
  for (const name of stageNames) candidate = withoutStage(candidate, name) ?? candidate;
  let remaining = project.stages;
  if (stageNames.length > 0) {
    const after = loadProjectText(root, candidate);
    if (!after.ok) {
      const lines = candidate.split(/\r?\n/);
      const shown = after.failures.map((f) => (f.location && f.snippet === undefined && f.location.file === PIPELINE_FILE ? { ...f, snippet: lines[f.location.line - 1] ?? '' } : f));
      const which = stageNames.map((n) => `'${n}'`).join(', ');
      return refused(...shown, { kind: 'unknown-stage', message: `${PIPELINE_FILE} would not load without ${which} (the lines shown are those of the file it would have written); nothing was changed` });
    }
    remaining = after.value.stages;
  }
  const removedNames = new Set<string>();
  for (const name of stageNames) {
    const items = project.stages.filter((s) => s.name === name || s.name.startsWith(`${name}@`));
    for (const s of items) removedNames.add(s.name);
    result.stages.push({ name, items: items.map((s) => s.name), outputs: items.flatMap((s) => stageOutputs(s).map((o) => o.path)), locked: false });
  }
  // located in the file as it will be
  const madeByRemoved = project.stages.filter((s) => removedNames.has(s.name)).flatMap((s) => stageOutputs(s).map((o) => ({ stage: s.name, path: o.path })));
  result.dependents.push(...readersOf(remaining, madeByRemoved));

  const acquired = await lockProject(root, { emit });
  if (!acquired.ok) return { ...refused(acquired.failure), lockedBy: acquired.lockedBy };
  try {
    // what --outs would delete and the cache does not hold is lost for good: nothing is removed
    const stores = openStores(root);
    const paths = [...result.stages.flatMap((s) => s.outputs), ...result.tracked.map((t) => t.path)];
    for (const p of paths) result.content[p] = await workspaceContent(stores, p);
    const unsaved = paths.filter((p) => result.content[p] === 'unsaved');
    if (req.outs && req.force !== true && unsaved.length > 0) {
      const them = unsaved.length === 1 ? 'it' : 'them';
      return refused(...unsaved.map((p) => unsavedRefusal(project, p)), {
        kind: 'unsaved',
        message: `--outs would delete ${them} for good, so nothing was removed; \`pipe remove --outs --force\` removes ${them} anyway, keeping what the cache does not hold in ${KEPT_DIR}/`,
      });
    }
    const writes: FileWrite[] = [];
    if (stageNames.length > 0) {
      writes.push({ path: PIPELINE_FILE, text: candidate });
      const lock = readLock(root);
      if (!lock.ok) return refused({ kind: 'lock-file', message: `${lock.failure.message}${lock.failure.hint ? ` (${lock.failure.hint})` : ''}; nothing was changed` });
      // the lock may also hold items pipeline.yaml dropped since its last repro
      const gone = Object.keys(lock.value.stages).filter((n) => removedNames.has(n) || stageNames.some((g) => n === g || n.startsWith(`${g}@`)));
      for (const s of result.stages) s.locked = gone.some((n) => n === s.name || n.startsWith(`${s.name}@`));
      if (gone.length > 0) {
        const stages = { ...lock.value.stages };
        for (const n of gone) delete stages[n];
        writes.push({ path: 'pipeline.lock', text: renderLock({ ...lock.value, stages }) });
      }
    }
    // an output that a .pipe file also tracks (the clash the removal mends) keeps its line: the data needs it
    const cachedOuts = project.stages
      .filter((s) => removedNames.has(s.name))
      .flatMap((s) => stageOutputs(s).filter((o) => o.cache && !known.value.some((k) => k.path === o.path)).map((o) => o.path));
    const unignore = [...cachedOuts, ...result.tracked.map((t) => t.path)];
    const edits: GitignoreEdit[] = await unignorePlan(root, unignore);
    for (const e of edits) if (e.text !== undefined) writes.push({ path: e.file, text: e.text });
    const written = await writeFilesTogether(root, writes);
    if (!written.ok) return refused({ kind: 'io', message: `cannot write ${written.path}: ${written.message}, so nothing was changed` });
    // what only goes away: emptied .gitignore files, the tracking files, and with `outs` the data
    for (const e of edits) if (e.text === undefined) await rm(join(root, e.file), { force: true });
    for (const t of result.tracked) await rm(join(root, t.file), { force: true });
    for (const e of edits) for (const p of e.paths) result.unignored.push({ file: e.file, path: p });
    await forgetIgnored(root, unignore);
    if (req.outs) {
      const doomed = [...result.stages.flatMap((s) => s.outputs), ...result.tracked.map((t) => t.path)];
      const stamp = keptStamp();
      for (const p of doomed) {
        try {
          await lstat(join(root, p));
          // what the cache does not hold is kept in .pipe/kept/ first (a file moved, of a folder
          // its unheld files linked), as a restore over it keeps it: --force is no licence to lose it
          if (result.content[p] === 'unsaved') {
            const owner = result.stages.find((s) => s.outputs.includes(p))?.name ?? result.tracked.find((t) => t.path === p)?.file ?? p;
            try {
              const message = await keepBeforeRestore(root, owner, p, stores, stamp, '', (it) => `before \`pipe remove --outs --force\` deleted ${it}`);
              if (message !== undefined) emit({ type: 'warning', message });
            } catch (err) {
              emit({ type: 'warning', message: `could not keep the changes the cache does not hold of '${p}' in ${KEPT_DIR}/: ${(err as Error).message}; it was left as it is` });
              continue;
            }
            if (!existsSync(join(root, p))) {
              result.deleted.push(p);
              continue;
            }
          }
          // read-only folders inside (a stage's `chmod -R a-w`) are made writable to go
          await removeTree(join(root, p));
          result.deleted.push(p);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') emit({ type: 'warning', message: `could not delete ${p}: ${(err as Error).message}` });
        }
      }
    }
  } finally {
    acquired.lock.release();
  }
  return result;
}

/**
 * The deps of `stages` on (or inside, or holding) an output in `gone` that none of `stages` makes
 * any more: `pipe remove`, and `pipe stage add -f` for the outputs the new stage no longer has.
 */
export function readersOf(stages: readonly StageSpec[], gone: readonly { stage: string; path: string }[]): Dependent[] {
  const made = stages.flatMap((s) => stageOutputs(s).map((o) => o.path));
  const found: Dependent[] = [];
  for (const stage of stages) {
    for (const dep of stage.deps) {
      if (made.some((o) => isWithin(dep.path, o))) continue;
      const maker = gone.find((g) => isWithin(dep.path, g.path) || isWithin(g.path, dep.path));
      if (maker) found.push({ stage: stage.name, dep: dep.path, location: dep.location, from: maker.stage });
    }
  }
  return found;
}

function unsavedRefusal(project: Project, p: string): Failure {
  const stage = project.stages.find((s) => stageOutputs(s).some((o) => o.path === p));
  const keep = stage === undefined ? `\`pipe add ${p}\` records them` : `\`pipe commit --force ${stage.name}\` keeps them`;
  return { kind: 'unsaved', message: `${p}${stage === undefined ? '' : ` (stage '${stage.name}')`} has changes the cache does not hold: ${keep}` };
}

/**
 * A foreach item or matrix combination: it comes from a list or mapping, which is what to edit; a
 * matrix combination cannot go alone, as every value of each list is combined with the others.
 */
function itemRefusal(text: string, target: string, group: string, raw: unknown): Failure {
  const { source } = YamlSource.parse(PIPELINE_FILE, text);
  const key = target.slice(group.length + 1);
  const tail = `\`pipe remove ${group}\` removes the stage with all its items`;
  const entry = (raw ?? {}) as { foreach?: unknown; matrix?: Record<string, unknown> };
  if (entry.matrix !== undefined) {
    const lists = Object.entries(entry.matrix).map(([name, v]) => {
      const param = typeof v === 'string' ? foreachParam(v) : undefined;
      return param === undefined ? name : `${name} (params key '${param}')`;
    });
    return {
      kind: 'unknown-stage',
      message:
        `'${target}' is one combination of the matrix of stage '${group}', and a matrix item cannot be removed alone: every combination of its lists (${lists.join(', ')}) is a stage, ` +
        `so taking a value out of a list drops every combination with that value; ${tail}`,
      location: source.locationOf(['stages', group], 'matrix'),
    };
  }
  const foreach = entry.foreach;
  if (foreach !== null && typeof foreach === 'object' && !Array.isArray(foreach)) {
    return {
      kind: 'unknown-stage',
      message: `'${target}' is one item of stage '${group}', not a stage of its own: to drop it, take the key '${key}' out of its foreach mapping; ${tail}`,
      location: source.locationOf(['stages', group, 'foreach'], key),
    };
  }
  const param = typeof foreach === 'string' ? foreachParam(foreach) : undefined;
  const list = param === undefined ? 'its foreach list' : `its foreach list, params key '${param}' (\`foreach: ${String(foreach)}\`)`;
  return {
    kind: 'unknown-stage',
    message: `'${target}' is one item of stage '${group}', not a stage of its own: to drop it, take '${key}' out of ${list}; ${tail}`,
    location: source.locationOf(['stages', group, 'foreach']),
  };
}

function unknownTarget(project: Project, names: string[], trackedPaths: string[], t: string, rel: string | undefined): Failure {
  const outputs = declaredOutputs(project);
  const owner = rel === undefined ? undefined : (outputs.find((o) => o.out.path === rel) ?? outputs.find((o) => isWithin(rel, o.out.path)));
  if (owner && rel !== undefined) {
    return { kind: 'unknown-stage', message: `'${t}' ${rel === owner.out.path ? 'is' : 'lies inside'} output '${owner.out.path}' of stage '${owner.stage}' (${formatLocation(owner.out.location)}), not a stage or tracked data: \`pipe remove ${owner.stage.split('@')[0] ?? owner.stage}\` removes the stage, or take the output out of its outs` };
  }
  const guess = closestName(t, names) ?? (rel === undefined ? undefined : closestName(rel, trackedPaths));
  const stages = names.length === 0 ? 'none' : names.join(', ');
  return {
    kind: 'unknown-stage',
    message: `'${t}' is neither a stage in ${PIPELINE_FILE} (stages: ${stages}) nor data \`pipe add\` tracks${guess === undefined ? '' : `; did you mean '${guess}'?`}`,
  };
}
