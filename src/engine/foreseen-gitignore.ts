// status/--dry: the .gitignore lines a repro will write back. After each stage that is restored or
// up to date, `pipe repro` puts back the line of each of its cached outputs that lost it
// (gitignore-outs.ts), before any later stage hashes its deps. An `rm -rf out` of a folder holding
// an output (`out/data`, its line in out/.gitignore) takes the .gitignore with it; a stage reading
// `out` would then be foreseen as changed, though the repro restores `out/data`, writes
// out/.gitignore as it was, and finds that stage up to date. So the overlay (folder-overlay.ts)
// gets each such .gitignore as the repro will write it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitignoreSession, ignoreLineFor, withLine } from '../stores/gitignore.js';
import type { Overlay } from './folder-overlay.js';
import { hashBytes, type LockFile } from './store-adapter.js';
import { stageOutputs, type Project, type StageSpec } from './types.js';

/** Called after a stage is decided: `restored`, or up to date (its outputs as they are). */
export type GitignoreForesight = (stage: StageSpec, restored: boolean, overlay: Overlay) => void;

/**
 * What the repro of `names` will write into .gitignore files that some stage's dep takes in (the
 * file itself, or a folder holding it), for the lines missing from them now. Costs a read of those
 * files; git is asked (once, for all of them) only when a line is missing and the answer
 * gitignored.json remembers no longer holds. Nothing under PIPE_GITIGNORE=0, as the repro writes
 * nothing then.
 */
export async function foreseeGitignore(project: Project, names: string[], lock: LockFile): Promise<GitignoreForesight> {
  const none: GitignoreForesight = () => {};
  if (process.env.PIPE_GITIGNORE === '0') return none;
  const deps = new Set(project.stages.flatMap((s) => s.deps.map((d) => d.path)));
  // the file a dep, or in a folder that is one: looked up by its folders, not against every dep
  const takenIn = (file: string): boolean => {
    if (deps.has('') || deps.has('.')) return true;
    for (let p = file; ; ) {
      if (deps.has(p)) return true;
      const slash = p.lastIndexOf('/');
      if (slash < 0) return false;
      p = p.slice(0, slash);
    }
  };
  const texts = new Map<string, string>();
  const textOf = (file: string): string => {
    let t = texts.get(file);
    if (t === undefined) {
      try {
        t = readFileSync(join(project.root, file), 'utf8');
      } catch {
        t = ''; // none yet
      }
      texts.set(file, t);
    }
    return t;
  };
  const byName = new Map(project.stages.map((s) => [s.name, s]));
  // stage → its cached outputs whose line is missing from a .gitignore a dep takes in
  const missing = new Map<string, { path: string; file: string; line: string }[]>();
  const asked: { path: string; dir: boolean }[] = [];
  for (const name of names) {
    const stage = byName.get(name);
    if (stage === undefined) continue;
    for (const o of stageOutputs(stage)) {
      if (!o.cache) continue;
      const { file, line } = ignoreLineFor(o.path);
      if (!takenIn(file) || withLine(textOf(file), line) === undefined) continue;
      missing.set(name, [...(missing.get(name) ?? []), { path: o.path, file, line }]);
      const recorded = lock.stages[name]?.outs.find((e) => e.path === o.path)?.hash;
      asked.push({ path: o.path, dir: recorded?.endsWith('.dir') === true });
    }
  }
  if (asked.length === 0) return none;
  let written: Set<string>;
  try {
    written = await new GitignoreSession(project.root).wouldWrite(asked);
  } catch {
    return none; // git could not be asked: the workspace's word, as before
  }
  if (written.size === 0) return none;
  return (stage, restored, overlay) => {
    for (const m of missing.get(stage.name) ?? []) {
      // as the repro: a line only where the output's folder is there (a restore makes it)
      if (!written.has(m.path) || (!restored && !existsSync(join(project.root, dirname(m.path))))) continue;
      const next = withLine(textOf(m.file), m.line);
      if (next === undefined) continue;
      texts.set(m.file, next);
      overlay.set(m.file, { hash: hashBytes(next), size: Buffer.byteLength(next), nfiles: 1 });
    }
  };
}
