// `pipe exp apply` overwrites params.yaml and the outputs; before it does, this finds what would
// be lost for good: params.yaml values that neither HEAD nor any experiment record holds (edited
// by hand and never run), and outputs whose current content the cache does not hold (edited, or
// made outside pipe). `--force` overwrites them anyway, as `dvc exp apply --force` / `dvc
// checkout --force` do; without it nothing is written.
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Hasher } from '../stores/hash-path.js';
import { heldByCache } from '../stores/held-by-cache.js';
import { ObjectCache } from '../stores/objects.js';
import { parseLock } from '../stores/lockfile.js';
import { canonicalJson } from '../stores/canonical.js';
import { readDeclarations } from './declared.js';
import { readIfExists } from './files.js';
import { flatten } from './flatten.js';
import { repoPrefix, resolveCommit, showFile } from './git.js';
import type { ExperimentRecord } from './schema.js';
import { PARAMS_FILE } from './workspace.js';

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
  const text = await readIfExists(join(root, PARAMS_FILE));
  if (text === undefined || rec.params === null || rec.params === undefined) return [];
  let current: unknown;
  try {
    current = parseYaml(text) as unknown;
  } catch {
    return []; // a params.yaml that does not parse is refused by apply itself, naming its line
  }
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  if (same(current, rec.params) || records.some((r) => same(current, r.params))) return [];
  const head = await paramsAtHead(root);
  if (head !== undefined && same(current, head)) return [];
  // at risk: the values apply would change (it sets the record's keys and keeps the rest) that
  // neither HEAD nor any record has for that key
  const target = flatten(rec.params);
  const now = flatten(current);
  const saved = [...(head !== undefined ? [head] : []), ...records.map((r) => r.params)].map((p) => flatten(p ?? {}));
  return Object.keys(target)
    .filter((k) => k in now && !same(now[k], target[k]) && !saved.some((f) => same(f[k], now[k])))
    .sort();
}

async function paramsAtHead(root: string): Promise<unknown> {
  const prefix = await repoPrefix(root);
  if (prefix === undefined) return undefined;
  const commit = await resolveCommit(root, 'HEAD');
  if (commit === undefined) return undefined;
  const text = (await showFile(root, commit, `${prefix}${PARAMS_FILE}`))?.toString('utf8');
  if (text === undefined) return undefined;
  try {
    return parseYaml(text) as unknown;
  } catch {
    return undefined;
  }
}

async function unsavedOuts(root: string, rec: ExperimentRecord): Promise<string[]> {
  if (rec.pipeline_lock === null) return [];
  const lock = parseLock(rec.pipeline_lock, `${rec.id}.json (pipeline_lock)`);
  if (!lock.ok) return [];
  const cache = new ObjectCache(root);
  const declared = readDeclarations((await readIfExists(join(root, 'pipeline.yaml'))) ?? '', rec.params);
  // `cache: false` outs (metrics, mostly) are what experiment records hold: not guarded here
  const uncached = new Set(declared.ok ? declared.value.uncached : []);
  const outs = Object.values(lock.value.stages).flatMap((stage) => stage.outs).filter((o) => !uncached.has(o.path));
  // when the cache lacks one of the experiment's outs, apply restores none (it says so)
  if (!outs.every((o) => cache.hasAll(o.hash))) return [];
  // the project's stat cache: unchanged files are not read again
  const hasher = new Hasher(root);
  const unsaved: string[] = [];
  for (const o of outs) {
    const have = await hasher.hashPath(o.path);
    if (have !== undefined && have.hash !== o.hash && !(await heldByCache(cache, hasher, o.path, have.hash))) unsaved.push(o.path);
  }
  return unsaved.sort();
}
