// `.pipeignore` at the project root (DVC's `.dvcignore`): gitignore-syntax patterns for files pipe
// never sees. A folder walk stays out of ignored directories (walk-filter.ts) and the hasher
// leaves ignored files out of the manifest (hash-path.ts), so they are in no hash and no cache,
// and a restore leaves them where they are (objects.ts). Only the root file is read: patterns
// are relative to the project root, as in a root .gitignore. Without the file (or with only
// comments and blank lines in it) nothing changes: no rules, no filter, the signatures and hashes
// of before.
import fs from 'node:fs';
import path from 'node:path';
import { hashBytes } from './hash-adapter.js';
import { RECORDS_DIR } from './layout.js';
import { matcherFor, patternLines, walkFilter, type WalkFilter } from './walk-filter.js';

export const PIPEIGNORE_FILE = '.pipeignore';

export interface IgnoreRules {
  /** the file's text */
  text: string;
  /**
   * sha256 of the text: part of every tree signature and folder-watch mark taken under these
   * rules (hash-path.ts), so a listing made under other rules is never reused
   */
  id: string;
}

/** The project's .pipeignore, or undefined when there is none or it has no pattern. */
export function loadIgnoreRules(root: string): IgnoreRules | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, PIPEIGNORE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  if (patternLines(text).length === 0) return undefined;
  return { text, id: hashBytes(text) };
}

/**
 * A walk filter under the project's rules, with their id (for signatures and watch marks; none
 * when the filter only leaves out the records folder, which a listing shows by lacking it).
 */
export type ProjectFilter = WalkFilter & { rulesId?: string };

/**
 * The filter for walking the folder `folderRel` (project-relative, as normalizeRel gives it):
 * the .pipeignore rules, and, for a folder holding metrics/experiments/ (`metrics`), that folder
 * left out: experiment records are pipe's bookkeeping, not content (DVC keeps experiments in git
 * refs, outside the workspace). Undefined without either, or for a folder outside the project
 * (an external dep: the rules are the project's own), so a folder that holds no records folder
 * is walked, signed and hashed exactly as before.
 */
export function folderFilter(rules: IgnoreRules | undefined, folderRel: string): ProjectFilter | undefined {
  if (isOutside(folderRel)) return undefined;
  const base = folderRel === '.' ? '' : folderRel;
  const skip = base === '' ? RECORDS_DIR : RECORDS_DIR.startsWith(`${base}/`) ? RECORDS_DIR.slice(base.length + 1) : undefined;
  if (rules === undefined && skip === undefined) return undefined;
  const spec = { text: rules?.text ?? '', base, ...(skip !== undefined ? { skip } : {}) };
  return { ...walkFilter(spec), ...(rules !== undefined ? { rulesId: rules.id } : {}) };
}

/**
 * The rule that hides the declared path `rel` as a whole: its line and text, and `folder`, the
 * folder holding `rel` it ignores, if that is how (then no `!` line can bring `rel` back, as in
 * git); undefined when `rel` is visible. A path that does not exist yet is checked both as a
 * file and as a folder (it may become either).
 */
export function ruleHiding(rules: IgnoreRules, root: string, rel: string): { line: number; pattern: string; folder?: string } | undefined {
  if (isOutside(rel)) return undefined;
  const matcher = matcherFor(rules.text);
  const st = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
  const line = matcher.ruleLine(rel, st?.isDirectory() === true) ?? (st === undefined ? matcher.ruleLine(rel, true) : undefined);
  if (line === undefined) return undefined;
  const parts = rel.split('/');
  const folder = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/')).find((p) => matcher.ignores(p, true));
  return { line, pattern: rules.text.split(/\r?\n/)[line - 1] ?? '', ...(folder !== undefined ? { folder } : {}) };
}

/**
 * The entries below the folder `abs` that `filter` leaves out, relative to it: files, and
 * folders taken whole (nothing below an ignored folder is listed). Symlinks are not followed:
 * what a restore carries over is the link itself.
 */
export function ignoredEntries(filter: WalkFilter, abs: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(rel === '' ? abs : path.join(abs, rel), { withFileTypes: true });
    } catch {
      return; // gone meanwhile, or not a folder: nothing to carry
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      const isDir = e.isDirectory() || (e.isSymbolicLink() && isDirAt(path.join(abs, child)));
      if (filter.ignores(child, isDir)) out.push(child);
      else if (e.isDirectory()) walk(child);
    }
  };
  walk('');
  return out;
}

function isDirAt(abs: string): boolean {
  return fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;
}

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);
}
