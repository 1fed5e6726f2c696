// `pipe push` / `pipe pull`: copy the cache objects that pipeline.lock references (for the chosen
// stages) and the run-cache entries of those stages between the local cache and a remote. A push
// sends every run-cache entry of its stages the local run-cache holds; a pull takes those of the
// stages' current inputs only (run-search.ts computes their keys; over http(s), which cannot be
// listed, through the run-index a push writes: run-index.ts), so a clone without pipeline.lock
// still restores through the run-cache without downloading every result ever pushed; a pull with
// `runCache` (`--run-cache`) takes every entry of its stages from a listed remote.
// Everything that arrives is checked: an object must hash to its name and a run entry to its id,
// or it is rejected and never enters the destination under its name. Objects already present at
// the destination are skipped, and every write is temp + rename, so an interrupted transfer can
// simply be run again. A push skips an object the remote lists with the local copy's size without
// reading it back (that would cost a download per object), so a copy damaged on the remote with
// its size unchanged stays until `pipe push --force` sends it again; a pull that rejects one says so.
import fs from 'node:fs';
import path from 'node:path';
import {
  ObjectCache, RunCache, readLock, decodeRunEntry, encodeRunEntry,
  type LockFile, type Result, type RunEntry, type StoreFailure,
} from '../stores/index.js';
import { hashObjectFile } from '../stores/objects.js';
import { tempPathFor } from '../stores/atomic.js';
import { matchStages } from '../engine/select.js';
import { lockProject } from '../engine/project-lock.js';
import type { EventSink } from '../engine/events.js';
import { resolveRemoteSpec, openTransport, remoteFlag, remoteUnusable, type RemoteSpec } from './config.js';
import { pool } from './pool.js';
import { insideProjectMessage, remoteDirInsideProject } from './inside-project.js';
import { RemoteError, isUnlisted, type RemoteObjectInfo, type Transport } from './transport.js';
import { PROBES_AT_ONCE, probeListing } from './unlisted.js';
import { listedRunSource, searchRuns } from './run-search.js';
import { isManifestFile } from './remote-manifest.js';
import type { OutRoutes } from './out-routes.js';
import { planRouting, type Routing } from './route-plan.js';

export type Direction = 'push' | 'pull';

export interface TransferProblem {
  kind:
    | 'missing-local' //   push: an object the lock references is not in the local cache
    | 'corrupt-local' //   push: a local object no longer matches its hash (not uploaded)
    | 'missing-remote' //  pull: the remote does not have an object the lock references
    | 'rejected'; //       pull: a remote object or run entry did not match its hash (not stored)
  hash: string;
  /** The stage and out path that reference it, when known. */
  stage?: string;
  path?: string;
  /** The output or tracked data it belongs to (a folder's path for each of its files), when known. */
  output?: string;
  message: string;
}

/** Progress, for reporters (a bar on a TTY). */
export type TransferEvent =
  | { type: 'plan'; direction: Direction; remote: string; objects: number; bytes: number }
  /** an object sent or fetched; `path`: the output or tracked data it belongs to, where known */
  | { type: 'object'; hash: string; bytes: number; path?: string }
  /** `-v`: an object not moved, as the other side holds it already (the remote's listing, or the local cache) */
  | { type: 'skipped'; hash: string; there: 'remote' | 'local'; path?: string }
  | { type: 'done' };

export interface TransferResult {
  direction: Direction;
  remote: string;
  objects: { transferred: number; skipped: number; bytes: number };
  runs: { transferred: number; skipped: number };
  problems: TransferProblem[];
  /** The name from pipe.config.yaml's `remotes:` the remote was given by, where it was (`remote` is then its location). */
  remoteName?: string;
  /** What the transfer could not do by the remote's nature, not a failure (an http(s) remote's run-cache entries it has no run-index for are not pulled). */
  notes?: string[];
  /** The objects of outputs whose `remote:` names another remote: moved to or from that one (out-routes.ts). */
  routed?: RoutedResult[];
  /** `-a/-T/-A`: the revisions the transfer covered (`the workspace, 2 branches and 1 tag`) */
  covered?: string;
}

export interface RoutedResult {
  name: string;
  /** its location */
  remote: string;
  /** the outputs routed there */
  outputs: string[];
  objects: { transferred: number; skipped: number; bytes: number };
}

export interface TransferOptions {
  /** Stage names from pipeline.lock; default: all of them, and every run-cache entry. */
  stages?: string[];
  /** `--glob`: `stages` are glob patterns, matched against pipeline.lock's stage names. */
  glob?: boolean;
  /** No stage at all (the names given were all tracked data): only `tracked` is transferred. */
  noStages?: boolean;
  /** Data `pipe add` tracks, whose objects go along (`path` names it in problems); `size` as its .pipe file records it. */
  tracked?: { hash: string; path: string; size?: number }[];
  /** The paths of all tracked data, for the hint of an unknown target (it may be mistyped tracked data). */
  trackedPaths?: string[];
  /** `-a/-T/-A`: the outputs and tracked data other git revisions' committed files name (`rev` set; revision-wanted.ts) */
  revisions?: Wanted[];
  /** push: send every selected object and run entry even where the remote lists it (replaces damaged copies). */
  force?: boolean;
  /**
   * pull: every run-cache entry of the chosen stages the remote holds, and their outputs (DVC's
   * `--run-cache`). Without it a pull takes only the entries of the stages' current inputs
   * (run-search.ts), so it does not download every result ever pushed.
   */
  runCache?: boolean;
  /**
   * pull: the paths of outputs declared `cache: false`. git holds them, so a remote lacking their
   * objects (kept for the run-cache) is no problem: they are fetched when there, never missed.
   */
  uncached?: ReadonlySet<string>;
  /** Remote URL/path overriding pipe.config.yaml and PIPE_REMOTE. */
  remote?: string;
  /** pipeline.yaml's per-output `push: false` and `remote:`, by output path (out-routes.ts) */
  routes?: OutRoutes;
  /**
   * `remote` is the transfer's own remote, not a `-r` that keeps outputs pinned to another remote
   * out: `pipe exp push/pull <remote>`, whose remote holds the records (DVC's exp push sends each
   * output's data where its `remote:` says, as a plain push does)
   */
  routeAll?: true;
  /** A transport to use directly (tests, future S3). Overrides `remote`. */
  transport?: Transport;
  onEvent?: (e: TransferEvent) => void;
  /** Transfers in flight at once (default 4); for an http(s) remote also its presence checks (default PROBES_AT_ONCE, 16). */
  concurrency?: number;
  /** The caller holds the project's repro lock already: the transfer does not take it. */
  lockHeld?: boolean;
  /** notes (a stage process a killed repro left running, stopped when the lock is taken) */
  emit?: EventSink;
}

export interface Wanted {
  hash: string;
  stage?: string;
  path?: string;
  /** the size pipeline.lock or the .pipe file records, for a file (not a folder's manifest) */
  size?: number;
  /** what names it on a command line: its stage, or the tracked path (for the advice in problems) */
  target?: string;
  /** the output or tracked data a folder's file belongs to (its folder's path) */
  output?: string;
  /** the named remote its output's `remote:` sends it to, where not the transfer's */
  remote?: string;
  /** the other git revision that needs it (`branch x`), for `-a/-T/-A` */
  rev?: string;
}

export async function push(projectRoot: string, options: TransferOptions = {}): Promise<Result<TransferResult>> {
  return underProjectLock(projectRoot, options, () => withRemote((opened) => pushUnguarded(projectRoot, options, opened), 'push'));
}

async function pushUnguarded(projectRoot: string, options: TransferOptions, opened: Transport[]): Promise<Result<TransferResult>> {
  const setup = await prepare(projectRoot, options, 'push', opened);
  if (!setup.ok) return setup;
  const { transport, lock, stages } = setup.value;
  const objects = new ObjectCache(projectRoot);
  const runs = new RunCache(projectRoot);
  const result = emptyResult('push', transport.description);
  if (setup.value.name !== undefined) result.remoteName = setup.value.name;

  const { routing } = setup.value;
  // The lock's outputs by where they go: the transfer's remote, a remote their `remote:` names, or
  // nowhere (`push: false`; pinned to another remote than the `-r` one)
  // (tracked data as the lock's outputs: its .pipe file may carry `push: false` or `remote:`)
  const main: Wanted[] = [];
  const named = new Map<string, Wanted[]>();
  const kept: string[] = [];
  const elsewhere = new Map<string, string[]>();
  for (const w of [...trackedWanted(options), ...lockOuts(lock, stages), ...(options.revisions ?? [])]) {
    if (routing.pushOff(w.path)) {
      if (!kept.includes(w.path ?? w.hash)) kept.push(w.path ?? w.hash);
      continue;
    }
    const d = routing.destination(w.path);
    if (d.to === 'main') main.push(w);
    else if (d.to === 'named') listFor(named, d.name).push({ ...w, remote: d.name });
    else listFor(elsewhere, d.name).push(w.path ?? w.hash);
  }
  // Run entries of those stages whose outs are all in the local cache; not one holding an output
  // kept off the remote (its objects would go with it)
  const entries: { key: string; id: string; text: string }[] = [];
  let entriesKept = 0;
  for (const { key, id } of runs.list()) {
    const entry = runs.readEntry(key, id);
    if (!entry || !stages.has(entry.stage)) continue;
    if (!Object.values(entry.outs).every((o) => objects.hasAll(o.hash))) continue;
    // (nor one holding an output pinned to another remote than `-r`'s: it would arrive incomplete)
    if (Object.keys(entry.outs).some((p) => routing.pushOff(p))) {
      entriesKept++;
      continue;
    }
    if (Object.keys(entry.outs).some((p) => routing.destination(p).to === 'elsewhere')) continue;
    // the entry goes to the transfer's remote; each output's objects where that output's go, so
    // `remote:` keeps them off the default remote
    for (const [p, o] of Object.entries(entry.outs)) {
      const d = routing.destination(p);
      const w: Wanted = { hash: o.hash, stage: entry.stage, path: p };
      if (d.to === 'named') listFor(named, d.name).push({ ...w, remote: d.name });
      else main.push(w);
    }
    entries.push({ key, id, text: encodeRunEntry(entry).text });
  }
  if (kept.length > 0) {
    const runsToo = entriesKept > 0 ? `, nor ${entriesKept === 1 ? 'the run-cache entry' : `the ${entriesKept} run-cache entries`} holding ${kept.length === 1 ? 'it' : 'them'}` : '';
    // by the file that says so: pipeline.yaml, or each tracked path's .pipe file
    const byFile = new Map<string, string[]>();
    for (const p of kept.sort()) listFor(byFile, routing.declaredIn(p)).push(p);
    const where = [...byFile].map(([file, paths]) => `in ${file} (${paths.join(', ')})`).join(', ');
    result.notes = [...(result.notes ?? []), `not pushed: ${kept.length === 1 ? '1 output' : `${kept.length} outputs`} marked \`push: false\` ${where}${runsToo}`];
  }
  for (const [name, all] of elsewhere) {
    const paths = [...new Set(all)]; // -a/-T/-A: the same path in several revisions, once
    result.notes = [...(result.notes ?? []), `not pushed to ${result.remoteName ?? transport.description}: ${paths.sort().join(', ')}, whose \`remote:\` names ${name} (\`pipe push\` without -r, or \`-r ${name}\`, sends ${paths.length === 1 ? 'it' : 'them'} there)`];
  }

  const groups: { transport: Transport; wanted: Wanted[]; routed?: RoutedResult }[] = [{ transport, wanted: main }];
  for (const [name, wanted] of named) {
    const spec = routing.specs.get(name);
    if (spec === undefined) throw new Error(`push: no spec for routed remote ${name}`);
    const t = await openRouted(projectRoot, spec, 'push', opened);
    if (!t.ok) return t;
    const routed: RoutedResult = { name, remote: t.value.description, outputs: [...new Set(wanted.map((w) => w.path ?? w.hash))].sort(), objects: { transferred: 0, skipped: 0, bytes: 0 } };
    result.routed = [...(result.routed ?? []), routed];
    groups.push({ transport: t.value, wanted, routed });
  }

  // Per remote: the objects its outputs reference, expanded through local manifests, less those it lists.
  const plans: { transport: Transport; todo: Wanted[]; counts: TransferResult['objects'] }[] = [];
  let bytes = 0;
  for (const g of groups) {
    const counts = g.routed?.objects ?? result.objects;
    const wanted = new Map<string, Wanted>();
    const found: TransferResult = emptyResult('push', g.transport.description);
    for (const w of g.wanted) addExpanded(objects, w, wanted, found, 'missing-local');
    const remoteObjects = await g.transport.listObjects();
    const swept = (await g.transport.removeStaleTemps?.()) ?? 0;
    if (swept > 0) result.notes = [...(result.notes ?? []), `removed ${swept === 1 ? '1 temp file' : `${swept} temp files`} older than a day from ${g.transport.description}: uploads of pushes that were interrupted`];
    // an object missing here but on the remote already (a teammate's push this clone has not
    // pulled) is there: nothing to send, not a failure, so a pre-push hook lets a `git push` through
    for (const p of found.problems) {
      if (p.kind === 'missing-local' && remoteObjects.has(p.hash)) {
        counts.skipped++;
        options.onEvent?.({ type: 'skipped', hash: p.hash, there: 'remote', ...(p.path ?? p.output ? { path: p.path ?? p.output } : {}) });
        continue;
      }
      if (p.kind === 'missing-local') p.message = p.message.replace(MISSING_HERE, `is neither in the local cache nor on the remote ${g.transport.description}`);
      result.problems.push(p);
    }
    const todo: Wanted[] = [];
    for (const w of wanted.values()) {
      const local = statSize(objects.pathOf(w.hash));
      if (local === undefined) continue; // already reported as missing-local
      // a listed copy of another size is damaged (or cut short): always sent again; one whose size
      // the remote did not say is taken as sound (`push --force` sends it anyway)
      const listed = remoteObjects.get(w.hash);
      if (options.force !== true && listed !== undefined && (listed.size === undefined || listed.size === local)) {
        counts.skipped++;
        options.onEvent?.({ type: 'skipped', hash: w.hash, there: 'remote', ...belongsTo(w) });
        continue;
      }
      todo.push(w);
      bytes += local;
    }
    plans.push({ transport: g.transport, todo, counts });
  }
  options.onEvent?.({ type: 'plan', direction: 'push', remote: transport.description, objects: plans.reduce((n, p) => n + p.todo.length, 0), bytes });
  for (const plan of plans) {
    await pool(plan.todo, options.concurrency ?? 4, async (w) => {
      // Never upload a damaged object: check it against its name first.
      const actual = await hashObjectFile(objects.pathOf(w.hash));
      if (actual !== bare(w.hash)) {
        // worthless, and while it stays under its name nothing stores a good copy there
        await fs.promises.rm(objects.pathOf(w.hash), { force: true });
        result.problems.push({ kind: 'corrupt-local', ...where(w), message: `local cache object ${w.hash}${describe(w)} does not match its hash; removed from the cache, not pushed (${storeAgainAdvice(w)}, then push again)` });
        return;
      }
      await plan.transport.putObject(w.hash, objects.pathOf(w.hash));
      const size = statSize(objects.pathOf(w.hash)) ?? 0;
      plan.counts.transferred++;
      plan.counts.bytes += size;
      options.onEvent?.({ type: 'object', hash: w.hash, bytes: size, ...belongsTo(w) });
    });
  }

  const remoteRuns = new Set((await transport.listRuns()).map((r) => `${r.key}/${r.id}`));
  for (const e of entries) {
    if (options.force !== true && remoteRuns.has(`${e.key}/${e.id}`)) {
      result.runs.skipped++;
      continue;
    }
    await transport.putRun(e.key, e.id, e.text);
    result.runs.transferred++;
  }
  // a remote that cannot be listed: each key's index names the entries, so a pull finds them
  const indexNotes = (await transport.indexRuns?.(entries.map(({ key, id }) => ({ key, id })))) ?? [];
  if (indexNotes.length > 0) result.notes = [...(result.notes ?? []), ...indexNotes];
  options.onEvent?.({ type: 'done' });
  return { ok: true, value: sortProblems(result) };
}

/** The output or tracked data an object belongs to, for the transfer events. */
function belongsTo(w: Wanted): { path?: string } {
  const p = w.path ?? w.output;
  return p === undefined ? {} : { path: p };
}

export async function pull(projectRoot: string, options: TransferOptions = {}): Promise<Result<TransferResult>> {
  return underProjectLock(projectRoot, options, () => withRemote((opened) => pullUnguarded(projectRoot, options, opened), 'pull'));
}

/**
 * A transfer holds the project's repro lock, as every command that writes the cache: `pipe gc`
 * would otherwise delete what a pull is writing (objects not yet named by anything it keeps, the
 * pull's temp files, shard folders emptied under it) or what a push is reading. Taking it stops
 * what a killed repro left running, as for the other commands (notes to `options.emit`).
 */
async function underProjectLock<T>(root: string, options: TransferOptions, run: () => Promise<Result<T>>): Promise<Result<T>> {
  if (options.lockHeld === true) return run();
  const acquired = await lockProject(root, options.emit === undefined ? {} : { emit: options.emit });
  if (!acquired.ok) return { ok: false, failure: { code: 'locked', message: acquired.failure.message } };
  try {
    return await run();
  } finally {
    acquired.lock.release();
  }
}

async function pullUnguarded(projectRoot: string, options: TransferOptions, opened: Transport[]): Promise<Result<TransferResult>> {
  const setup = await prepare(projectRoot, options, 'pull', opened);
  if (!setup.ok) return setup;
  const { transport, lock, stages } = setup.value;
  const objects = new ObjectCache(projectRoot);
  const runs = new RunCache(projectRoot);
  const result = emptyResult('pull', transport.description);
  if (setup.value.name !== undefined) result.remoteName = setup.value.name;
  if (setup.value.notes) result.notes = setup.value.notes;
  const remoteObjects = await transport.listObjects();
  const remoteRuns = await transport.listRuns();
  const texts = new Map<string, string>();
  let onlyFound: (stage: string, key: string, id: string) => boolean = () => true;
  if (setup.value.probed === true) {
    // an http(s) remote's entries were found through the run-index already (current inputs only)
    if (options.runCache === true) result.notes = [...(result.notes ?? []), `--run-cache: ${transport.description} cannot be listed, so only the run-cache entries of the stages' current inputs are pulled from it`];
  } else if (options.runCache !== true && options.noStages !== true) {
    // the default: the entries of the chosen stages' current inputs, not every run ever pushed
    const search = await searchRuns(projectRoot, listedRunSource(transport, remoteRuns), { listed: true, lock, chosen: (s) => stages.has(s), tracked: options.tracked ?? [], concurrency: options.concurrency ?? 4 });
    const keep = new Set<string>();
    const covered = new Set<string>();
    for (const f of search?.found ?? []) {
      keep.add(`${f.key}/${f.id}`);
      texts.set(`${f.key}/${f.id}`, f.text);
      if (f.entry) covered.add(f.entry.stage);
    }
    // a stage the search found its current inputs' entry for takes that entry alone; one it could
    // not key before the pull (a dep folder holding other stages' outputs, a dep missing) takes
    // every entry of its own, as before, so a CI clone still restores it instead of running it
    onlyFound = (stage, key, id) => !covered.has(stage) || keep.has(`${key}/${id}`);
    if (search !== undefined && search.notes.length > 0) result.notes = [...(result.notes ?? []), ...search.notes];
  }

  // Run entries of the chosen stages: fetched and checked now, stored only once their outs are here.
  const pulledRuns: { key: string; id: string; entry: RunEntry }[] = [];
  // Entries already here still name their outs: the objects a push of them sent are counted (and
  // fetched where this cache lacks them), so a pull counts what the push counted.
  const localRuns: RunEntry[] = [];
  for (const { key, id } of remoteRuns) {
    const local = runs.readEntry(key, id);
    if (local) {
      if (!stages.has(local.stage) || !onlyFound(local.stage, key, id)) continue;
      result.runs.skipped++;
      localRuns.push(local);
      continue;
    }
    const text = texts.get(`${key}/${id}`) ?? (await transport.getRun(key, id));
    if (text === undefined) continue;
    const entry = decodeRunEntry(text, id);
    if (!entry) {
      result.problems.push({ kind: 'rejected', hash: `${key}/${id}`, message: `remote run-cache entry ${key}/${id} is malformed or does not match its id; not stored (where a run-cache holds it, \`pipe push --force${remoteFlag(options.remote)}\` sends it again)` });
      continue;
    }
    if (stages.has(entry.stage) && onlyFound(entry.stage, key, id)) pulledRuns.push({ key, id, entry });
  }

  // An output whose `remote:` names another remote comes from that one (out-routes.ts); one pinned
  // to another remote than the `-r` one is left out, as DVC leaves it
  const { routing } = setup.value;
  const sources = new Map<string, { transport: Transport; listing: Map<string, RemoteObjectInfo>; routed: RoutedResult }>();
  const sourceFor = async (name: string): Promise<Result<{ transport: Transport; listing: Map<string, RemoteObjectInfo>; routed: RoutedResult }>> => {
    const known = sources.get(name);
    if (known !== undefined) return { ok: true, value: known };
    const spec = routing.specs.get(name);
    if (spec === undefined) throw new Error(`pull: no spec for routed remote ${name}`);
    const t = await openRouted(projectRoot, spec, 'pull', opened);
    if (!t.ok) return t;
    const source = { transport: t.value, listing: await t.value.listObjects(), routed: { name, remote: t.value.description, outputs: [], objects: { transferred: 0, skipped: 0, bytes: 0 } } };
    sources.set(name, source);
    result.routed = [...(result.routed ?? []), source.routed];
    return { ok: true, value: source };
  };
  const elsewhere = new Map<string, string[]>();
  const routedOuts: Wanted[] = [];
  for (const w of [...lockOuts(lock, stages), ...trackedWanted(options), ...(options.revisions ?? [])]) {
    const d = routing.destination(w.path);
    if (d.to === 'main') routedOuts.push(w);
    else if (d.to === 'elsewhere') listFor(elsewhere, d.name).push(w.path ?? w.hash);
    else {
      routedOuts.push({ ...w, remote: d.name });
      const source = await sourceFor(d.name);
      if (!source.ok) return source;
      source.value.routed.outputs.push(w.path ?? w.hash);
    }
  }
  for (const [name, all] of elsewhere) {
    const paths = [...new Set(all)]; // -a/-T/-A: the same path in several revisions, once
    result.notes = [...(result.notes ?? []), `not pulled from ${result.remoteName ?? transport.description}: ${paths.sort().join(', ')}, whose \`remote:\` names ${name} (\`pipe pull\` without -r, or \`-r ${name}\`, fetches ${paths.length === 1 ? 'it' : 'them'} from there)`];
  }
  const left = new Set([...elsewhere.values()].flat());
  const chosenOuts = (): Wanted[] => lockOuts(lock, stages).filter((w) => w.path === undefined || !left.has(w.path));
  const sourceOf = (w: Wanted) => (w.remote === undefined ? undefined : sources.get(w.remote));

  const targets: Wanted[] = [...routedOuts];
  for (const entry of [...pulledRuns.map((r) => r.entry), ...localRuns]) {
    for (const [p, o] of Object.entries(entry.outs)) {
      // an entry's objects come from where its output's `remote:` sends them (the push put them there)
      const d = routing.destination(p);
      if (d.to === 'named' && !(await sourceFor(d.name)).ok) continue;
      targets.push({ hash: o.hash, stage: entry.stage, path: p, target: entry.stage, ...(d.to === 'named' ? { remote: d.name } : {}) });
    }
  }

  // Directory manifests first (they name the files to fetch), then all file objects.
  const files = new Map<string, Wanted>();
  const manifests: Wanted[] = [];
  const seenTop = new Set<string>();
  for (const t of targets) {
    if (seenTop.has(t.hash)) continue;
    seenTop.add(t.hash);
    if (t.hash.endsWith('.dir')) manifests.push(t);
    else files.set(t.hash, t);
  }
  const fetchOne = async (w: Wanted, optional: boolean): Promise<boolean> => {
    const source = sourceOf(w);
    const from = source?.transport ?? transport;
    const counts = source?.routed.objects ?? result.objects;
    if (objects.has(w.hash)) {
      counts.skipped++;
      options.onEvent?.({ type: 'skipped', hash: w.hash, there: 'local', ...belongsTo(w) });
      return true;
    }
    if (!(source?.listing ?? remoteObjects).has(w.hash)) {
      if (!optional) result.problems.push({ kind: 'missing-remote', ...where(w), message: `object ${w.hash}${describe(w)} is not on the remote ${from.description}` });
      return false;
    }
    const dest = objects.pathOf(w.hash);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const tmp = tempPathFor(dest);
    pulling.add(tmp);
    try {
      if (!(await from.getObject(w.hash, tmp))) {
        if (!optional) result.problems.push({ kind: 'missing-remote', ...where(w), message: `object ${w.hash}${describe(w)} is not on the remote ${from.description}` });
        return false;
      }
      const actual = await hashObjectFile(tmp);
      if (actual !== bare(w.hash) || (w.hash.endsWith('.dir') && !isManifestFile(tmp, w.hash))) {
        result.problems.push({ kind: 'rejected', ...where(w), message: `remote object ${w.hash}${describe(w)} does not match its hash (tampered or damaged on ${from.description}); not stored. ${repairAdvice(w, options.remote ?? w.remote)}` });
        return false;
      }
      await fs.promises.rename(tmp, dest);
      const size = statSize(dest) ?? 0;
      counts.transferred++;
      counts.bytes += size;
      options.onEvent?.({ type: 'object', hash: w.hash, bytes: size, ...belongsTo(w) });
      return true;
    } finally {
      await fs.promises.rm(tmp, { force: true });
      pulling.delete(tmp);
    }
  };
  // Manifests are small: fetch them before planning so the plan counts the files they name.
  const optionalHashes = new Set([...pulledRuns.map((r) => r.entry), ...localRuns].flatMap((e) => Object.values(e.outs).map((o) => o.hash)));
  const inGit = (w: Wanted): boolean => w.path !== undefined && options.uncached?.has(w.path) === true;
  for (const w of chosenOuts()) if (inGit(w)) optionalHashes.add(w.hash);
  const lockHashes = new Set([...chosenOuts().filter((w) => !inGit(w)), ...[...trackedWanted(options), ...(options.revisions ?? []).filter((w) => !inGit(w))].filter((w) => w.path === undefined || !left.has(w.path))].map((w) => w.hash));
  const isOptional = (h: string): boolean => optionalHashes.has(h) && !lockHashes.has(h);
  await pool(manifests, options.concurrency ?? 4, async (m) => {
    if (!(await fetchOne(m, isOptional(m.hash)))) return;
    for (const e of objects.readManifest(m.hash) ?? []) {
      if (!files.has(e.hash)) files.set(e.hash, { ...inFolder(m, e.hash, e.relpath) });
      if (!isOptional(m.hash)) lockHashes.add(e.hash);
      else optionalHashes.add(e.hash);
    }
  });
  const todo = [...files.values()];
  let bytes = 0;
  // (an http(s) remote that did not say an object's size counts 0 here)
  for (const w of todo) if (!objects.has(w.hash)) bytes += (sourceOf(w)?.listing ?? remoteObjects).get(w.hash)?.size ?? 0;
  options.onEvent?.({ type: 'plan', direction: 'pull', remote: transport.description, objects: todo.length, bytes });
  await pool(todo, options.concurrency ?? 4, async (w) => {
    await fetchOne(w, isOptional(w.hash));
  });

  // Store run entries whose outs are now complete in the local cache.
  for (const r of pulledRuns) {
    if (!Object.values(r.entry.outs).every((o) => objects.hasAll(o.hash))) continue;
    await runs.put(r.key, r.entry);
    result.runs.transferred++;
  }
  options.onEvent?.({ type: 'done' });
  return { ok: true, value: sortProblems(result) };
}

/**
 * For `pipe repro --pull`: fetch whatever the remote has for the chosen stages (lock outs and
 * run-cache entries) before deciding what to run. Objects the remote lacks are not failures
 * here (those stages will simply run): they come in `missing`, for warnings (tracked data the
 * remote lacks would otherwise first show as a stage's missing dep); rejected content still is
 * reported in `problems`.
 */
export async function pullAvailable(projectRoot: string, options: TransferOptions = {}): Promise<Result<TransferResult & { missing: TransferProblem[] }>> {
  const r = await pull(projectRoot, options);
  if (!r.ok) return r;
  const missing = r.value.problems.filter((p) => p.kind === 'missing-remote');
  return { ok: true, value: { ...r.value, problems: r.value.problems.filter((p) => p.kind !== 'missing-remote'), missing } };
}

/** Which stages a transfer covers. */
interface Selection {
  has(stage: string): boolean;
}

/**
 * Everything a transfer checks before it moves anything: the remote's configuration, pipeline.lock,
 * the stage names, and last the remote itself (pull: it must exist, so a mistyped path is one
 * error and not one "not on the remote" per object; push: a missing directory is created, only
 * once the rest is known to be right). A transport it makes from the configured remote is added
 * to `opened`, for the caller to close when done (withRemote); one handed in is the caller's.
 */
export async function prepare(
  projectRoot: string,
  options: TransferOptions,
  direction: Direction | 'compare',
  opened?: Transport[],
): Promise<Result<{ transport: Transport; lock: LockFile; stages: Selection; missing?: true; notes?: string[]; name?: string; probed?: true; routing: Routing }>> {
  let transport = options.transport;
  let spec: RemoteSpec | undefined;
  if (!transport) {
    const resolved = resolveRemoteSpec(projectRoot, options.remote);
    if (!resolved.ok) return resolved;
    spec = resolved.value;
    // one written by hand, or given with -r / $PIPE_REMOTE: `pipe remote add` refuses it
    const inside = direction === 'push' ? refuseInsideProject(projectRoot, spec) : undefined;
    if (inside !== undefined) return { ok: false, failure: inside };
  }
  const planned = planRouting(projectRoot, options.routes, spec?.name, options.remote !== undefined && options.remote !== '' && options.routeAll !== true);
  if (!planned.ok) return planned;
  const routing = planned.value;
  // nor one an output's `remote:` names, before anything is made or sent
  if (direction === 'push') {
    for (const routed of routing.specs.values()) {
      const inside = refuseInsideProject(projectRoot, routed);
      if (inside !== undefined) return { ok: false, failure: inside };
    }
  }
  if (!transport && spec) {
    const t = openTransport(projectRoot, spec);
    if (!t.ok) return t;
    transport = t.value;
    opened?.push(transport);
  }
  if (!transport) throw new Error('prepare: no transport and no remote spec');
  const named = spec?.name !== undefined ? { name: spec.name } : {};
  const lock = readLock(projectRoot);
  if (!lock.ok) return lock;
  const stages = options.noStages === true ? { ok: true as const, value: { has: () => false } } : selectStages(lock.value, options.stages, options.glob === true, options.trackedPaths ?? []);
  if (!stages.ok) return stages;
  const check = await transport.open(direction === 'push' ? 'write' : 'read');
  // `pipe status -c` before the first push: a remote not made yet holds nothing, which is an answer
  if (!check.ok && check.reason === 'missing' && direction === 'compare') return { ok: true, value: { transport, lock: lock.value, stages: stages.value, missing: true, routing } };
  if (!check.ok) return { ok: false, failure: remoteUnusable(check, transport.description, spec) };
  if (isUnlisted(transport)) {
    // HTTP: no listing; each object the command may need is asked about instead (unlisted.ts)
    const chosen = stages.value;
    const probed = await probeListing(projectRoot, transport, {
      direction,
      wanted: [...lockOuts(lock.value, chosen), ...(options.tracked ?? [])].map((w) => w.hash),
      stageChosen: (s) => chosen.has(s),
      stagesPulled: Object.keys(lock.value.stages).some((s) => chosen.has(s)),
      // only tracked data named: no stage's entries to look for
      ...(options.noStages === true ? {} : { searchRuns: () => searchRuns(projectRoot, transport, { lock: lock.value, chosen: (s) => chosen.has(s), tracked: options.tracked ?? [], concurrency: options.concurrency ?? PROBES_AT_ONCE }) }),
      concurrency: options.concurrency ?? PROBES_AT_ONCE,
    });
    if (probed.missing && direction === 'compare') return { ok: true, value: { transport, lock: lock.value, stages: chosen, missing: true, routing } };
    if (probed.missing && direction === 'pull') return { ok: false, failure: remoteUnusable({ ok: false, reason: 'missing' }, transport.description, spec) };
    return { ok: true, value: { transport: probed.transport, lock: lock.value, stages: chosen, ...(probed.notes.length > 0 ? { notes: probed.notes } : {}), ...named, probed: true, routing } };
  }
  return { ok: true, value: { transport, lock: lock.value, stages: stages.value, ...named, routing } };
}

/** A push's refusal of a folder remote inside the project that git does not ignore (inside-project.ts), or undefined. */
export function refuseInsideProject(projectRoot: string, spec: RemoteSpec): StoreFailure | undefined {
  const inside = remoteDirInsideProject(projectRoot, spec.url);
  if (inside === undefined) return undefined;
  const { message, hint } = insideProjectMessage(spec.url, inside, projectRoot);
  return { code: 'remote-config', message: `${spec.source}: remote ${message}`, hint };
}

/**
 * The transport of a remote an output's `remote:` names, opened for `direction` (added to `opened`,
 * which the caller closes). An http(s) one is refused: pipe asks it about each object one by one
 * (unlisted.ts), which only the transfer's own remote does for now.
 */
export async function openRouted(projectRoot: string, spec: RemoteSpec, direction: Direction | 'compare', opened: Transport[]): Promise<Result<Transport & { missing?: true }>> {
  const t = openTransport(projectRoot, spec);
  if (!t.ok) return t;
  opened.push(t.value);
  if (isUnlisted(t.value)) {
    return { ok: false, failure: { code: 'remote-config', message: `remote '${spec.name ?? spec.url}' (${t.value.description}), which an output's \`remote:\` names, is an http(s) remote: pipe sends an output to such a remote only as the transfer's own`, hint: `pass \`-r ${spec.name ?? spec.url}\` to move that output's objects` } };
  }
  const check = await t.value.open(direction === 'push' ? 'write' : 'read');
  if (!check.ok && check.reason === 'missing' && direction === 'compare') return { ok: true, value: Object.assign(t.value, { missing: true as const }) };
  if (!check.ok) return { ok: false, failure: remoteUnusable(check, t.value.description, spec) };
  return { ok: true, value: t.value };
}

function selectStages(lock: LockFile, names: string[] | undefined, glob: boolean, trackedPaths: string[]): Result<Selection> {
  const known = Object.keys(lock.stages);
  if (!names || names.length === 0) return { ok: true, value: { has: () => true } };
  if (glob) {
    // the stages pipeline.lock records, as without --glob: one never run has nothing to move
    const matched = matchStages(known, names, 'pipeline.lock');
    if (matched.misses.length === 0) return { ok: true, value: new Set(matched.names) };
    const hint = known.length > 0 ? 'a stage not run yet is not in pipeline.lock: run `pipe repro` first' : 'pipeline.lock has no stages yet: run `pipe repro` first';
    return { ok: false, failure: { code: 'io', message: matched.misses.join('; '), hint, location: { file: 'pipeline.lock' } } };
  }
  // a foreach or matrix stage's name, as written in pipeline.yaml, stands for all its copies (`train@*`)
  const copies = (s: string) => (Object.hasOwn(lock.stages, s) ? [s] : known.filter((k) => k.startsWith(`${s}@`)));
  const chosen = names.flatMap(copies);
  const unknown = names.filter((s) => copies(s).length === 0);
  if (unknown.length > 0) {
    const failure: StoreFailure = {
      code: 'io',
      message: `stage${unknown.length > 1 ? 's' : ''} not in pipeline.lock: ${unknown.join(', ')}`,
      hint: (known.length > 0 ? `known stages: ${known.join(', ')}; run \`pipe repro\` first for new stages` : 'pipeline.lock has no stages yet: run `pipe repro` first') + trackedHint(trackedPaths),
      location: { file: 'pipeline.lock' },
    };
    return { ok: false, failure };
  }
  return { ok: true, value: new Set(chosen) };
}

/** `; tracked data: a, b, …` (the first 10), where there is some: a target may be one mistyped. */
function trackedHint(paths: string[]): string {
  if (paths.length === 0) return '';
  const shown = [...paths].sort().slice(0, 10);
  return `; tracked data: ${shown.join(', ')}${paths.length > shown.length ? `, and ${paths.length - shown.length} more` : ''}`;
}

export function lockOuts(lock: LockFile, stages: Selection): Wanted[] {
  const out: Wanted[] = [];
  for (const [name, s] of Object.entries(lock.stages)) {
    if (!stages.has(name)) continue;
    for (const o of s.outs) out.push({ hash: o.hash, stage: name, path: o.path, target: name, ...(o.hash.endsWith('.dir') ? {} : { size: o.size }) });
  }
  return out;
}

/** The tracked data of a transfer, named on a command line by its path. */
export function trackedWanted(options: Pick<TransferOptions, 'tracked'>): Wanted[] {
  return (options.tracked ?? []).map((t) => ({ hash: t.hash, path: t.path, target: t.path, ...(t.size !== undefined && !t.hash.endsWith('.dir') ? { size: t.size } : {}) }));
}

/** The list `map` holds under `key`, made empty where it has none. */
function listFor<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}

/** A file of the folder `m` (its manifest's entry): named by the folder's stage or tracked path. */
function inFolder(m: Wanted, hash: string, relpath: string): Wanted {
  const w: Wanted = { hash };
  if (m.stage !== undefined) w.stage = m.stage;
  w.path = m.path ? `${m.path}/${relpath}` : relpath;
  if (m.target !== undefined) w.target = m.target;
  const output = m.output ?? m.path;
  if (output !== undefined) w.output = output;
  if (m.remote !== undefined) w.remote = m.remote;
  if (m.rev !== undefined) w.rev = m.rev;
  return w;
}

/**
 * What mends an object damaged on the remote: a push from a cache holding a good copy, forced,
 * since a plain push skips what the remote lists with the right size. `remote`: the one given
 * with `-r`, which the advice names too.
 */
export function repairAdvice(w: Wanted, remote?: string): string {
  const name = w.target === undefined ? '' : ` ${w.target}`;
  return `The remote's copy must be replaced: where a cache holds a good copy, \`pipe push --force${remoteFlag(remote)}${name}\` sends it again (a plain push skips objects the remote already lists)`;
}

/** What stores an object removed from the local cache again: the workspace's copy, else its maker or a remote. */
function storeAgainAdvice(w: Wanted): string {
  if (w.stage === undefined) return `\`pipe add ${w.target ?? w.path ?? ''}\` stores it again where the workspace still holds it, else \`pipe pull\` fetches it from a remote holding a good copy`;
  return `\`pipe commit ${w.stage}\` stores it again where the workspace still holds it, else \`pipe repro -f ${w.stage}\` makes it`;
}

const MISSING_HERE = 'is not in the local cache';

function addExpanded(objects: ObjectCache, w: Wanted, into: Map<string, Wanted>, result: TransferResult, missingKind: 'missing-local'): void {
  if (into.has(w.hash)) return;
  if (!objects.has(w.hash)) {
    const pull = `\`pipe pull -r <remote> ${w.target ?? w.stage ?? w.path ?? ''}\` fetches it from another remote that holds it`;
    // another revision's: what mends it is done where that revision is checked out
    const advice = w.rev !== undefined ? `check out ${w.rev} and run \`pipe pull -r <remote>\` there from another remote that holds it, else ${w.stage === undefined ? '`pipe add` on the data' : `\`pipe repro -f ${w.stage}\``}` : `${pull}; ${w.stage === undefined ? 'else run `pipe add` on the data where it is' : `\`pipe commit ${w.stage}\` stores it again where the workspace still holds it, else \`pipe repro -f ${w.stage}\` makes it`}`;
    result.problems.push({ kind: missingKind, ...where(w), message: `object ${w.hash}${describe(w)} ${MISSING_HERE}; nothing to push for it (${advice})` });
    return;
  }
  into.set(w.hash, w);
  if (!w.hash.endsWith('.dir')) return;
  const manifest = objects.readManifest(w.hash);
  if (!manifest) {
    fs.rmSync(objects.pathOf(w.hash), { force: true }); // worthless, as above
    result.problems.push({ kind: 'corrupt-local', ...where(w), message: `local directory manifest ${w.hash}${describe(w)} is unreadable or does not match its hash; removed from the cache, not pushed (${storeAgainAdvice(w)}, then push again)` });
    into.delete(w.hash);
    return;
  }
  for (const e of manifest) addExpanded(objects, inFolder(w, e.hash, e.relpath), into, result, missingKind);
}

function where(w: Wanted): Pick<TransferProblem, 'hash' | 'stage' | 'path' | 'output'> {
  const out: Pick<TransferProblem, 'hash' | 'stage' | 'path' | 'output'> = { hash: w.hash };
  if (w.stage !== undefined) out.stage = w.stage;
  if (w.path !== undefined) out.path = w.path;
  if (w.output !== undefined && w.output !== w.path) out.output = w.output;
  return out;
}

function describe(w: Wanted): string {
  if (w.path === undefined) return '';
  const on = w.rev === undefined ? '' : `, on ${w.rev}`;
  return w.stage === undefined ? ` (${w.path}${on})` : ` (${w.path}, stage ${w.stage}${on})`;
}

function bare(hash: string): string {
  return hash.endsWith('.dir') ? hash.slice(0, -4) : hash;
}

function statSize(abs: string): number | undefined {
  try {
    return fs.statSync(abs).size;
  } catch {
    return undefined;
  }
}

function emptyResult(direction: Direction, remote: string): TransferResult {
  return { direction, remote, objects: { transferred: 0, skipped: 0, bytes: 0 }, runs: { transferred: 0, skipped: 0 }, problems: [] };
}

function sortProblems(r: TransferResult): TransferResult {
  r.problems.sort((a, b) => a.kind.localeCompare(b.kind) || (a.path ?? '').localeCompare(b.path ?? '') || a.hash.localeCompare(b.hash));
  return r;
}

/**
 * A remote that fails mid-transfer (an S3 endpoint gone, credentials expired) ends the transfer
 * with its failure; what was already moved stays, and running the command again resumes.
 */
/**
 * Runs a command against the remote, a failure of the remote mid-way becoming its result
 * (remoteErrorsAsFailure), then closes what `prepare` opened for it: an ssh:// remote's connection
 * would keep the process from exiting.
 */
export async function withRemote<T>(run: (opened: Transport[]) => Promise<Result<T>>, direction?: Direction): Promise<Result<T>> {
  const opened: Transport[] = [];
  inUse.add(opened);
  try {
    return await remoteErrorsAsFailure(() => run(opened), direction);
  } finally {
    inUse.delete(opened);
    await Promise.all(opened.map((t) => t.close?.()));
  }
}

/** The transports of the transfers running in this process, and a pull's temp files in the local cache (abortTransfers). */
const inUse = new Set<Transport[]>();
const pulling = new Set<string>();

/**
 * For a CLI interrupted by SIGINT/SIGTERM, before it exits: removes the temp files of the uploads
 * in flight where the remote allows it (a folder, ssh://; an S3 PutObject leaves nothing partial)
 * and a pull's temp files in the local cache. Objects already complete stay, so a rerun resumes.
 */
export async function abortTransfers(): Promise<void> {
  for (const tmp of pulling) fs.rmSync(tmp, { force: true });
  await Promise.all([...inUse].flat().map((t) => t.abortUploads?.().catch(() => {})));
}

export async function remoteErrorsAsFailure<T>(run: () => Promise<Result<T>>, direction?: Direction): Promise<Result<T>> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof RemoteError) return { ok: false, failure: err.failure };
    // the local file system failing under the transfer (disk full, a folder removed by hand):
    // one error naming the path, never a stack trace; what was moved stays, a rerun resumes
    const e = err as NodeJS.ErrnoException;
    if (e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string') {
      return { ok: false, failure: { code: 'io-failed', message: `the transfer stopped: ${e.message}; ${nextStep(e, direction)}` } };
    }
    throw err;
  }
}

/** After a file-system failure: rerunning helps only once its cause is gone (a full disk, no write access). */
function nextStep(e: NodeJS.ErrnoException & { dest?: string }, direction: Direction | undefined): string {
  const kept = 'what was already transferred stays';
  // a push writes to the remote, a pull to the local cache (copyFile names the target as `dest`)
  const target = direction === 'push' ? 'the remote' : direction === 'pull' ? 'the local disk' : 'the disk written to';
  if (e.code === 'ENOSPC' || e.code === 'EDQUOT') return `${target} is full: free space there, then run the command again (${kept})`;
  const at = e.dest ?? e.path;
  if (e.code === 'EROFS') return `${at ?? target} is on a read-only file system: ${direction === 'push' ? 'push to another remote, or have it mounted writable' : 'pipe needs to write there'}`;
  if (e.code === 'EACCES' || e.code === 'EPERM') return `no write permission on ${at ?? target}: ${direction === 'push' ? 'a push needs write access to the remote: ask its owner for access, or push to another remote' : 'fix its permissions, then run the command again'} (${kept})`;
  return `${kept}: run the command again to finish`;
}
