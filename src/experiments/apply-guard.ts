// `pipe exp apply` overwrites params.yaml and the outputs; before it does, this finds what would
// be lost for good: params.yaml values that neither HEAD nor any experiment record holds (edited
// by hand and never run), and outputs whose current content the cache does not hold (edited, or
// made outside pipe). `--force` overwrites them anyway, as `dvc exp apply --force` / `dvc
// checkout --force` do; without it nothing is written.
import { Hasher } from '../stores/hash-path.js';
import { heldByCache } from '../stores/held-by-cache.js';
import { ObjectCache } from '../stores/objects.js';
import { canonicalJson } from '../stores/canonical.js';
import { experimentOuts } from './apply.js';
import { flattenParams } from './flatten.js';
import { resolveSnapshot } from './snapshot.js';
import type { ExperimentRecord } from './schema.js';
import { readParams, workspaceReader } from './workspace.js';

export interface UnsavedWork {
  /** dotted params.yaml keys whose values only the workspace holds */
  params: string[];
  /** outputs the experiment's lock names whose current content is not in the cache */
  outs: string[];
}

export async function unsavedWork(root: string, rec: ExperimentRecord, records: ExperimentRecord[]): Promise<UnsavedWork> {
  return { params: await unsavedParams(root, rec, records), outs: await unsavedOuts(root, rec) };
}

async function unsavedParams(root: string, rec: ExperimentRecord, records: ExperimentRecord[]): Promise<string[]> {
  if (rec.params === null || rec.params === undefined) return [];
  const read = await readParams(workspaceReader(root));
  // none, or one that does not parse: apply itself says so, naming its line
  if (!read.ok || read.value === undefined) return [];
  const current = read.value;
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  if (same(current, rec.params) || records.some((r) => same(current, r.params))) return [];
  const head = await paramsAtHead(root);
  if (head !== undefined && same(current, head)) return [];
  // at risk: the values apply would change (it sets the record's keys and keeps the rest) that
  // neither HEAD nor any record has for that key; a list is one value, as apply writes it whole
  const target = flattenParams(rec.params);
  const now = flattenParams(current);
  const saved = [...(head !== undefined ? [head] : []), ...records.map((r) => r.params)].map((p) => flattenParams(p ?? {}));
  return Object.keys(target)
    .filter((k) => k in now && !same(now[k], target[k]) && !saved.some((f) => same(f[k], now[k])))
    .sort();
}

/** params.yaml as HEAD has it (the git side of `pipe params diff`); undefined outside git. */
async function paramsAtHead(root: string): Promise<unknown> {
  const head = await resolveSnapshot(root, 'HEAD', {});
  return head.ok ? head.value.state.params : undefined;
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
