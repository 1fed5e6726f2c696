// `pipe exp apply` overwrites params.yaml, the other params files the record holds, and the
// outputs; before it does, this finds what would be lost for good: params values that neither
// HEAD nor any experiment record holds (edited by hand and never run), and outputs whose current
// content the cache does not hold (edited, or made outside pipe). `--force` overwrites them
// anyway, as `dvc exp apply --force` / `dvc checkout --force` do; without it nothing is written.
import { Hasher } from '../stores/hash-path.js';
import { heldByCache } from '../stores/held-by-cache.js';
import { ObjectCache } from '../stores/objects.js';
import { canonicalJson } from '../stores/canonical.js';
import { experimentOuts, planTracked } from './apply.js';
import { flattenParams } from './flatten.js';
import { repoPrefix, resolveCommit, showFile } from './git.js';
import type { ExperimentRecord } from './schema.js';
import { PARAMS_FILE, readParams, workspaceReader, type ReadText } from './workspace.js';

export interface UnsavedWork {
  /**
   * keys whose values only the workspace holds, named as `pipe exp show` names them: params.yaml's
   * bare (`train.lr`), another file's after it (`other.yaml:opt.lr`)
   */
  params: string[];
  /** the params files holding them, params.yaml first */
  paramsFiles: string[];
  /** outputs the experiment's lock names whose current content is not in the cache */
  outs: string[];
}

export async function unsavedWork(root: string, rec: ExperimentRecord, records: ExperimentRecord[]): Promise<UnsavedWork> {
  const head = await headReader(root);
  const params: string[] = [];
  const paramsFiles: string[] = [];
  // the files apply writes: params.yaml, and each other file the record holds (not as missing)
  const files: [string, unknown][] = [
    [PARAMS_FILE, rec.params],
    ...Object.entries(rec.other_params ?? {}).filter(([f]) => f !== PARAMS_FILE).sort(([a], [b]) => (a < b ? -1 : 1)),
  ];
  for (const [file, target] of files) {
    const keys = await unsavedParams(root, file, target, records, head);
    if (keys.length === 0) continue;
    paramsFiles.push(file);
    params.push(...keys.map((k) => (file === PARAMS_FILE ? k : `${file}:${k}`)));
  }
  return { params, paramsFiles, outs: [...(await unsavedOuts(root, rec)), ...(await unsavedData(root, rec))].sort() };
}

/**
 * The data `pipe add` tracks whose version apply would change, and whose current content the
 * cache does not hold (edited, never added): the checkout after apply would lose it.
 */
async function unsavedData(root: string, rec: ExperimentRecord): Promise<string[]> {
  const planned = await planTracked(root, rec, true);
  if (!planned.ok || planned.value.data.length === 0) return [];
  const cache = new ObjectCache(root);
  const hasher = new Hasher(root);
  const unsaved: string[] = [];
  for (const d of planned.value.data) {
    const have = await hasher.hashPath(d.path);
    if (have !== undefined && have.hash !== d.hash && !(await heldByCache(cache, hasher, d.path, have.hash))) unsaved.push(d.path);
  }
  return unsaved;
}

/** The dotted keys of params file `file` whose workspace values apply (setting `target`) would lose. */
async function unsavedParams(root: string, file: string, target: unknown, records: ExperimentRecord[], head: ReadText | undefined): Promise<string[]> {
  if (target === null || target === undefined) return [];
  const read = await readParams(workspaceReader(root), file);
  // none (apply makes it), or one that does not parse: apply itself says so, naming its line
  if (!read.ok || read.value === undefined) return [];
  const current = read.value;
  const recorded = (r: ExperimentRecord): unknown => (file === PARAMS_FILE ? r.params : r.other_params?.[file]);
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  if (same(current, target) || records.some((r) => same(current, recorded(r)))) return [];
  const atHead = head === undefined ? undefined : await readParams(head, file);
  const headData = atHead?.ok ? atHead.value : undefined;
  if (headData !== undefined && same(current, headData)) return [];
  // at risk: the values apply would change (it sets the record's keys and keeps the rest) that
  // neither HEAD nor any record has for that key; a list is one value, as apply writes it whole
  const want = flattenParams(target);
  const now = flattenParams(current);
  const saved = [...(headData !== undefined ? [headData] : []), ...records.map(recorded)].map((p) => flattenParams(p ?? {}));
  return Object.keys(want)
    .filter((k) => k in now && !same(now[k], want[k]) && !saved.some((f) => same(f[k], now[k])))
    .sort();
}

/** Reads files as HEAD has them (the git side of `pipe params diff`); undefined outside git. */
async function headReader(root: string): Promise<ReadText | undefined> {
  const prefix = await repoPrefix(root);
  const commit = prefix === undefined ? undefined : await resolveCommit(root, 'HEAD');
  if (prefix === undefined || commit === undefined) return undefined;
  return async (path) => (await showFile(root, commit, `${prefix}${path}`))?.toString('utf8');
}

async function unsavedOuts(root: string, rec: ExperimentRecord): Promise<string[]> {
  if (rec.pipeline_lock === null) return [];
  const found = await experimentOuts(root, rec);
  // a broken lock is apply's to report; with an out missing, apply restores none (it says so)
  if (!found.ok || found.value.missing.length > 0) return [];
  const cache = new ObjectCache(root);
  // the project's stat cache: unchanged files are not read again
  const hasher = new Hasher(root);
  const unsaved: string[] = [];
  // `cache: false` outs (metrics, mostly) are what experiment records hold: not guarded here
  for (const o of found.value.outs.filter((x) => !found.value.uncached.has(x.path))) {
    const have = await hasher.hashPath(o.path);
    if (have !== undefined && have.hash !== o.hash && !(await heldByCache(cache, hasher, o.path, have.hash))) unsaved.push(o.path);
  }
  return unsaved.sort();
}
