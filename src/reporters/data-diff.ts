// `pipe diff`'s three renderings, in DVC's words and shapes (`dvc diff`): groups `Added:`,
// `Deleted:`, `Renamed:`, `Modified:`, `Not in cache:` of indented paths and a `files summary:`
// line; `--md` a Status | Path table; `--json` one object of lists. Hashes only with --show-hash.
import type { DataDiff } from '../engine/data-diff.js';
import { renderMarkdown } from '../experiments/report/table.js';

export interface DiffView {
  showHash: boolean;
  /** leave out what is not in the cache (DVC's --hide-missing) */
  hideMissing: boolean;
}

type State = 'added' | 'deleted' | 'renamed' | 'modified' | 'not in cache';

/** One listed line of a group: its path text and its hash text. */
interface Line {
  state: State;
  path: string;
  hash: string;
  /** a folder's own line: not counted in the summary (its files are) */
  folder: boolean;
}

/** The hash as DVC shows it: its first 8 characters, `old..new` for a modification. */
const short = (h: string): string => h.slice(0, 8);

function lines(d: DataDiff, view: DiffView): Line[] {
  const isFolder = (p: string): boolean => p.endsWith('/');
  const out: Line[] = [
    ...d.added.map((e): Line => ({ state: 'added', path: e.path, hash: short(e.hash), folder: isFolder(e.path) })),
    ...d.deleted.map((e): Line => ({ state: 'deleted', path: e.path, hash: short(e.hash), folder: isFolder(e.path) })),
    ...d.renamed.map((e): Line => ({ state: 'renamed', path: `${e.path.old} -> ${e.path.new}`, hash: short(e.hash), folder: isFolder(e.path.new) })),
    ...d.modified.map((e): Line => ({ state: 'modified', path: e.path, hash: `${short(e.hash.old)}..${short(e.hash.new)}`, folder: isFolder(e.path) })),
  ];
  // a folder here stands for files that cannot be listed: it counts
  if (!view.hideMissing) out.push(...d.notInCache.map((e): Line => ({ state: 'not in cache', path: e.path, hash: short(e.hash), folder: false })));
  return out;
}

/** Whether there is anything to show (with --hide-missing, what is not in the cache is nothing). */
export function hasDifferences(d: DataDiff, view: DiffView): boolean {
  return lines(d, view).length > 0;
}

export function renderDataDiffText(d: DataDiff, view: DiffView): string {
  const all = lines(d, view);
  if (all.length === 0) return '';
  const states: State[] = ['added', 'deleted', 'renamed', 'modified', 'not in cache'];
  let text = '';
  const count: Record<State, number> = { added: 0, deleted: 0, renamed: 0, modified: 0, 'not in cache': 0 };
  for (const state of states) {
    const group = all.filter((l) => l.state === state);
    if (group.length === 0) continue;
    text += `${state.charAt(0).toUpperCase()}${state.slice(1)}:\n`;
    for (const l of group) text += `    ${view.showHash ? `${l.hash} ` : ''}${l.path}\n`;
    text += '\n';
    count[state] = group.filter((l) => !l.folder).length;
  }
  const parts = [`${count.added} added`, `${count.deleted} deleted`];
  if (count.renamed > 0) parts.push(`${count.renamed} renamed`);
  parts.push(`${count.modified} modified`);
  if (!view.hideMissing) parts.push(`${count['not in cache']} not in cache`);
  return `${text}files summary: ${parts.join(', ')}\n`;
}

export function renderDataDiffMarkdown(d: DataDiff, view: DiffView): string {
  const headers = view.showHash ? ['Status', 'Hash', 'Path'] : ['Status', 'Path'];
  const rows = lines(d, view).map((l) => (view.showHash ? [l.state, l.hash, l.path] : [l.state, l.path]));
  return renderMarkdown({ headers, rows });
}

export function renderDataDiffJson(d: DataDiff, view: DiffView): string {
  const entry = <P, H>(path: P, hash: H): { path: P; hash?: H } => (view.showHash ? { path, hash } : { path });
  // DVC's keys, in its (alphabetical) order
  const doc: Record<string, unknown[]> = {
    added: d.added.map((e) => entry(e.path, e.hash)),
    deleted: d.deleted.map((e) => entry(e.path, e.hash)),
    modified: d.modified.map((e) => entry(e.path, e.hash)),
  };
  if (!view.hideMissing) doc['not in cache'] = d.notInCache.map((e) => entry(e.path, e.hash));
  doc.renamed = d.renamed.map((e) => entry(e.path, e.hash));
  return `${JSON.stringify(doc, null, 2)}\n`;
}
