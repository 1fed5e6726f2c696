// `pipe move SRC DST` (DVC's `dvc move`): data `pipe add` tracks goes to a new place, with its
// tracking file: DST.pipe records the same hash, size and file count under the new name (the data
// is not read again), SRC's tracking file goes, and so do the .gitignore lines, each in the folder
// of its data. A DST that is a folder means inside it, as `mv`. Everything is checked before
// anything moves; pipeline.yaml is never edited: stages that list SRC as a dep are named.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { OWN_DIRS, PIPE_FILES, WRITTEN_DIRS } from './add.js';
import { loadProject } from './config.js';
import type { EventSink } from './events.js';
import { formatLocation, type Failure, type SourceLocation } from './failure.js';
import { forgetIgnored, ignoreAdded, unignorePlan } from './gitignore-outs.js';
import { ignoredAddTarget } from './ignored-paths.js';
import { isWithin, toRootRelative } from './paths.js';
import { lockProject } from './project-lock.js';
import { TRACKING_SUFFIX, writeFileAtomic, writeTrackingFile, type TrackingSource } from './store-adapter.js';
import { loadTracked, overlappingOutput, overlapWords, type Tracked } from './tracked.js';
import type { Project } from './types.js';

export interface MoveResult {
  failures: Failure[];
  /** root-relative: the data's old and new paths, and their tracking files */
  from: string;
  to: string;
  oldFile: string;
  file: string;
  /** the .gitignore lines taken out (said as notes, as the new one is, in the order done) */
  unignored: { file: string; path: string }[];
  /** stages whose dep is the moved data or lies inside it, with the dep's new path */
  dependents: { stage: string; dep: string; location: SourceLocation; moved: string }[];
  lockedBy?: number;
}

/** `src` and `dst` absolute (the CLI resolves them from its folder), `given` as the user wrote them. */
export async function moveTracked(root: string, src: { abs: string; given: string }, dst: { abs: string; given: string }, emit: EventSink = () => {}): Promise<MoveResult> {
  const result: MoveResult = { failures: [], from: '', to: '', oldFile: '', file: '', unignored: [], dependents: [] };
  const refused = (message: string): MoveResult => ({ ...result, failures: [{ kind: 'add-target', message }] });
  const loaded = loadProject(root);
  if (!loaded.ok) return { ...result, failures: loaded.failures };
  const project = loaded.value;
  const known = loadTracked(project);
  if (!known.ok) return { ...result, failures: known.failures };

  const from = toRootRelative(root, '', src.abs);
  if (from === undefined) return refused(`'${src.given}' is outside the project (${root}); pipe move moves data pipe tracks inside it`);
  const hit = known.value.find((t) => t.path === from || t.file === from);
  if (hit === undefined) return refused(sourceRefusal(project, known.value, from));
  if (!existsSync(join(root, hit.path))) {
    return refused(`'${hit.path}' (tracked by ${hit.file}) is not in the workspace: \`pipe checkout ${hit.path}\` puts it back, then move it`);
  }
  const given = toRootRelative(root, '', dst.abs);
  if (given === hit.path || given === from) return refused(`the source and the destination are the same ('${dst.given}'); nothing to move`);
  // as `mv`: an existing folder receives it under its own name; a trailing / says DST must be one
  const at = kindAt(root, dst.abs);
  if (typeof at !== 'string') return refused(`cannot move ${hit.path} to '${dst.given}': ${at.problem}; nothing was changed`);
  let target = dst.abs;
  if (at === 'folder') target = join(target, posix.basename(hit.path));
  else if (/[\\/]$/.test(dst.given)) {
    return refused(`'${dst.given}' is not a folder (a trailing / means into a folder, and ${at === 'none' ? 'there is none' : 'it is a file'}): make the folder first, or leave out the / to give the data that name; nothing was changed`);
  }
  const to = toRootRelative(root, '', target);
  if (to === undefined) return refused(`'${dst.given}' is outside the project (${root}); pipe move keeps tracked data inside it`);
  const problem = targetRefusal(project, known.value, hit, to);
  if (problem !== undefined) return refused(problem);
  const hidden = ignoredAddTarget(root, to, 'the place given to pipe move');
  if (hidden !== undefined) return { ...result, failures: [hidden] };

  const file = `${to}${TRACKING_SUFFIX}`;
  const acquired = await lockProject(root, { emit });
  if (!acquired.ok) return { ...refused(acquired.failure.message), lockedBy: acquired.lockedBy };
  try {
    let made: string | undefined;
    try {
      made = mkdirSync(dirname(join(root, to)), { recursive: true });
      renameSync(join(root, hit.path), join(root, to));
    } catch (err) {
      // another file system (EXDEV), a permission: nothing moved, nothing written, no folder left
      if (made !== undefined) rmSync(made, { recursive: true, force: true });
      return refused(`cannot move ${hit.path} to ${to}: ${(err as Error).message}; nothing was changed`);
    }
    const dir = posix.dirname(file);
    try {
      await writeTrackingFile(join(root, file), { ...hit.entry, path: dir === '.' ? to : posix.relative(dir, to) }, movedSource(hit, file), hit.transfer);
    } catch (err) {
      renameSync(join(root, to), join(root, hit.path));
      return refused(`cannot write ${file}: ${(err as Error).message}; ${hit.path} was put back where it was`);
    }
    await rm(join(root, hit.file), { force: true });
    // the old line out of its folder's .gitignore, the new one into the new folder's
    const edits = await unignorePlan(root, [hit.path]);
    for (const e of edits) {
      if (e.text === undefined) await rm(join(root, e.file), { force: true });
      else await writeFileAtomic(join(root, e.file), e.text);
      for (const p of e.paths) {
        result.unignored.push({ file: e.file, path: p });
        emit({ type: 'note', message: `${e.file}: removed /${posix.basename(p)}` });
      }
    }
    await forgetIgnored(root, [hit.path]);
    await ignoreAdded(root, [to], emit);
  } finally {
    acquired.lock.release();
  }
  for (const stage of project.stages) {
    for (const dep of stage.deps) {
      if (isWithin(dep.path, hit.path)) result.dependents.push({ stage: stage.name, dep: dep.path, location: dep.location, moved: `${to}${dep.path.slice(hit.path.length)}` });
    }
  }
  return { ...result, from: hit.path, to, oldFile: hit.file, file };
}

/**
 * What `abs` is, or why it cannot be told: a file where a folder on its way should be (ENOTDIR) is
 * named, as any other error reading it; `mv` refuses those too.
 */
function kindAt(root: string, abs: string): 'folder' | 'file' | 'none' | { problem: string } {
  try {
    const st = statSync(abs, { throwIfNoEntry: false });
    return st === undefined ? 'none' : st.isDirectory() ? 'folder' : 'file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') {
      // the nearest folder on the way that is a file (the ones above it cannot be read either)
      for (let up = dirname(abs); up !== dirname(up); up = dirname(up)) {
        let st;
        try {
          st = statSync(up, { throwIfNoEntry: false });
        } catch {
          continue;
        }
        if (st !== undefined && !st.isDirectory()) return { problem: `'${toRootRelative(root, '', up) ?? up}' is a file, not a folder, so nothing can go inside it` };
        if (st !== undefined) break;
      }
    }
    return { problem: `cannot read ${abs}: ${(err as Error).message}` };
  }
}

/** Why `rel`, which no tracking file names, cannot be moved. */
function sourceRefusal(project: Project, tracked: Tracked[], rel: string): string {
  const owner = overlappingOutput(project, rel);
  if (owner && isWithin(rel, owner.out.path)) {
    return `'${rel}' ${overlapWords(rel, owner.out.path)} output '${owner.out.path}' of stage '${owner.stage}' (${formatLocation(owner.out.location)}); pipe keeps stage outputs through pipeline.lock: to move it, change the stage's outs (and its command) in pipeline.yaml, then \`pipe repro\``;
  }
  const around = tracked.find((t) => isWithin(rel, t.path));
  if (around) return `'${rel}' lies inside '${around.path}', which ${around.file} tracks; move the whole of '${around.path}', or move the file with mv and \`pipe add ${around.path}\` to record the change`;
  if (!existsSync(join(project.root, rel))) return `'${rel}' does not exist, and no .pipe file tracks it`;
  return `'${rel}' is not data pipe tracks (there is no ${rel}${TRACKING_SUFFIX}): move it with mv, or \`pipe add ${rel}\` to track it first`;
}

/** Why the tracked data `src` cannot go to `to`, or undefined. */
function targetRefusal(project: Project, tracked: Tracked[], src: Tracked, to: string): string | undefined {
  if (to === src.path) return `the source and the destination are the same ('${to}'); nothing to move`;
  if (isWithin(to, src.path)) return `'${to}' lies inside '${src.path}' itself; a folder cannot move into itself`;
  const top = to.split('/')[0] ?? '';
  if (OWN_DIRS.includes(top)) return `'${to}' is inside ${top}/, which ${top === '.git' ? "is git's" : "is pipe's own"}; move the data elsewhere`;
  if (PIPE_FILES.includes(to)) return `'${to}' is one of pipe's own files; give another name`;
  if (to.endsWith(TRACKING_SUFFIX)) return `'${to}' ends in ${TRACKING_SUFFIX}, the name of tracking files; give the data a name without it`;
  const name = posix.basename(to);
  if (name.includes('\\')) return `'${to}' has a backslash in its name ('${name}'), which a .pipe file cannot record; give a name without one`;
  const written = WRITTEN_DIRS.find((w) => isWithin(to, w.dir) || isWithin(w.dir, to));
  if (written) return `'${to}' ${isWithin(to, written.dir) ? 'lies inside' : 'holds'} ${written.dir}/, where pipe writes ${written.what} after each run; move the data elsewhere`;
  const owner = overlappingOutput(project, to);
  if (owner) {
    return `'${to}' ${overlapWords(to, owner.out.path)} output '${owner.out.path}' of stage '${owner.stage}' (${formatLocation(owner.out.location)}); a path is either tracked data or a stage's output: move the data elsewhere`;
  }
  if (existsSync(join(project.root, to))) return `'${to}' exists already; pipe move does not replace it: remove it first, or give another name`;
  if (existsSync(join(project.root, `${to}${TRACKING_SUFFIX}`))) return `'${to}${TRACKING_SUFFIX}' exists already; pipe move does not replace a tracking file: remove it first, or give another name`;
  const other = tracked.find((t) => t !== src && (isWithin(to, t.path) || isWithin(t.path, to)));
  if (other) return `'${to}' ${isWithin(to, other.path) ? 'lies inside' : 'holds'} '${other.path}', which ${other.file} tracks; move the data elsewhere`;
  return undefined;
}

/**
 * Imported data's source as the new `.pipe` file records it: a relative local path is relative to
 * its tracking file's folder, so it is rebased on the new file's; URLs and absolute paths stay.
 */
function movedSource(hit: Tracked, newFile: string): TrackingSource | undefined {
  const source = hit.source;
  if (source === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(source.url) || posix.isAbsolute(source.url)) return source;
  // both root-relative, so posix.relative (which resolves them alike) gives the path between them
  const target = posix.join(posix.dirname(hit.file), source.url);
  return { ...source, url: posix.relative(posix.dirname(newFile), target) || '.' };
}
