// What a directory walk leaves out under a project's .pipeignore (pipeignore.ts reads the file):
// the rules are relative to the project root, a walk's paths to the folder it walks, so a filter
// is the rules plus that folder's path. Imports nothing but the ignore adapter, because the scan
// worker (scan-worker.ts) rebuilds the same filter from a FilterSpec on its own thread.
import { compile, type Matcher, type PatternLine } from './ignore-adapter.js';
import type { ScanFilter } from './scan-tree.js';

/** What the scan worker is sent to rebuild a filter: the .pipeignore text and the walked folder. */
export interface FilterSpec {
  /** the .pipeignore text; '' for none (then the pattern package is not loaded) */
  text: string;
  /** the walked folder, relative to the project root, `/`-separated */
  base: string;
  /**
   * a folder below the walked one, relative to it, left out whole with everything in it: where
   * pipe writes experiment records (layout.ts RECORDS_DIR), when the walked folder holds it
   */
  skip?: string;
}

export interface WalkFilter extends ScanFilter {
  spec: FilterSpec;
}

/** The pattern lines of an ignore file's text (blank lines and `#` comments left out). */
export function patternLines(text: string): PatternLine[] {
  const out: PatternLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() !== '' && !raw.startsWith('#')) out.push({ pattern: raw, line: i + 1 });
  });
  return out;
}

// One compiled matcher per text, per thread: a command hashes many folders under the same rules.
const matchers = new Map<string, Matcher>();

export function matcherFor(text: string): Matcher {
  let m = matchers.get(text);
  if (m === undefined) {
    m = compile(patternLines(text));
    matchers.set(text, m);
  }
  return m;
}

/** The filter for walking `spec.base` under the rules `spec.text`. */
export function walkFilter(spec: FilterSpec): WalkFilter {
  const matcher = spec.text === '' ? undefined : matcherFor(spec.text);
  const prefix = spec.base === '' ? '' : `${spec.base}/`;
  const { skip } = spec;
  // a path in the skipped folder too, not only the folder: manifests recorded before list its files
  const skipped = skip === undefined ? () => false : (rel: string) => rel === skip || rel.startsWith(`${skip}/`);
  return { spec, ignores: (rel, isDir) => skipped(rel) || (matcher?.ignores(prefix + rel, isDir) ?? false) };
}
