// `pipe status -c` (DVC's `status --cloud`): for each output pipeline.lock records (and each path
// `pipe add` tracks), whether the local cache and the remote each hold all of it, so you know
// before a push or pull what it would move, and before a CI job whether the remote can restore
// the pipeline. It reads the remote's listing and, for a folder the local cache lacks, the
// folder's manifest from the remote (into a temp file, checked, never stored); nothing is written.
// It reads no other object back, so a copy damaged on the remote shows only where its size is not
// the local copy's or the one pipeline.lock (or the .pipe file) records: then it counts as not on
// the remote (a plain push sends it again); one damaged with its size unchanged is found by the
// pull that rejects it, which says what mends it (`pipe push --force`).
import fs from 'node:fs';
import { ObjectCache, type Result } from '../stores/index.js';
import { lockOuts, openRouted, prepare, withRemote, trackedWanted, type TransferOptions, type Wanted } from './sync.js';
import type { RemoteObjectInfo, Transport } from './transport.js';
import { fetchRemoteManifest } from './remote-manifest.js';

export interface CloudEntry {
  path: string;
  /** the stage whose output it is; absent for data `pipe add` tracks */
  stage?: string;
  /** some of its objects are not on the remote, and the local cache has them: a push sends them */
  push: boolean;
  /** some of its objects are not in the local cache, and the remote has them: a pull fetches them */
  pull: boolean;
  /** some of its objects are in neither: only a rerun (or `pipe add`) makes them again */
  missing: boolean;
  /**
   * some of its objects are listed by the remote with a size that is not theirs: damaged there,
   * counted as not on the remote (a pull would reject them; a push sends them again). Only when so.
   */
  damaged?: true;
  /** the remote its `remote:` names, compared with instead of the command's (out-routes.ts) */
  remote?: string;
}

export interface CloudStatus {
  remote: string;
  /** outputs and tracked paths not in sync, sorted by path then stage */
  entries: CloudEntry[];
  /** how many are held whole by both */
  inSync: number;
  /** the remote does not exist yet (a directory or S3 prefix no push has made): it holds nothing */
  remoteMissing?: true;
  /** The name from pipe.config.yaml's `remotes:` the remote was given by, where it was. */
  remoteName?: string;
  /**
   * outputs marked `push: false` that only the local cache holds: no push sends them, so they are
   * not out of sync (a pull still fetches them from a remote that has them)
   */
  keptOff?: { path: string; stage?: string }[];
  /** outputs left out: their `remote:` names another remote than the one `-r` gave */
  elsewhere?: { path: string; stage?: string; remote: string }[];
}

type CloudOptions = Pick<TransferOptions, 'stages' | 'glob' | 'noStages' | 'tracked' | 'remote' | 'transport' | 'concurrency' | 'trackedPaths' | 'routes'> & {
  /** outputs declared `cache: false`: git keeps them (a copy in the cache serves only the run-cache) */
  uncached?: ReadonlySet<string>;
};

export async function cloudStatus(root: string, options: CloudOptions): Promise<Result<CloudStatus>> {
  // a remote that fails while listing (an S3 endpoint gone) is one failure, as for push and pull
  return withRemote((opened) => compare(root, options, opened));
}

async function compare(root: string, options: CloudOptions, opened: Transport[]): Promise<Result<CloudStatus>> {
  const setup = await prepare(root, options, 'compare', opened);
  if (!setup.ok) return setup;
  const { transport, lock, stages, missing, routing } = setup.value;
  const local = new ObjectCache(root);
  const remote = missing ? new Map<string, RemoteObjectInfo>() : await transport.listObjects();
  // the remotes outputs' `remote:` names, each listed once (one not made yet holds nothing)
  const routed = new Map<string, { transport: Transport; listing: Map<string, RemoteObjectInfo> }>();
  const keptOff: NonNullable<CloudStatus['keptOff']> = [];
  const elsewhere: NonNullable<CloudStatus['elsewhere']> = [];
  const seen = new Set<string>();
  const entries: CloudEntry[] = [];
  let inSync = 0;
  const wanted: Wanted[] = [...lockOuts(lock, stages).filter((w) => !(w.path !== undefined && options.uncached?.has(w.path))), ...trackedWanted(options)];
  for (const w of wanted) {
    const id = `${w.stage ?? ''}\0${w.path ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const d = routing.destination(w.path);
    if (d.to === 'elsewhere') {
      elsewhere.push({ path: w.path ?? w.hash, ...(w.stage !== undefined ? { stage: w.stage } : {}), remote: d.name });
      continue;
    }
    let from = { transport, listing: remote };
    if (d.to === 'named') {
      const known = routed.get(d.name);
      if (known !== undefined) from = known;
      else {
        const spec = routing.specs.get(d.name);
        if (spec === undefined) throw new Error(`status -c: no spec for routed remote ${d.name}`);
        const t = await openRouted(root, spec, 'compare', opened);
        if (!t.ok) return t;
        from = { transport: t.value, listing: t.value.missing === true ? new Map() : await t.value.listObjects() };
        routed.set(d.name, from);
      }
    }
    const hashes = await objectsOf(w, local, from.listing, from.transport);
    const entry: CloudEntry = { path: w.path ?? w.hash, push: false, pull: false, missing: hashes === undefined };
    if (w.stage !== undefined) entry.stage = w.stage;
    if (d.to === 'named') entry.remote = d.name;
    for (const h of hashes ?? []) {
      // one stat: whether the local cache has it, and the size it should have (the local copy's,
      // else, for a file output, the recorded one)
      const localSize = sizeOf(local.pathOf(h));
      const here = localSize !== undefined;
      const size = localSize ?? (h === w.hash ? w.size : undefined);
      const listed = from.listing.get(h);
      // a size the remote did not say (HTTP without Content-Length) is no sign of damage
      const damaged = listed?.size !== undefined && size !== undefined && listed.size !== size;
      if (damaged) entry.damaged = true;
      const there = listed !== undefined && !damaged;
      if (here && !there) entry.push = true;
      else if (!here && there) entry.pull = true;
      else if (!here && !there) entry.missing = true;
    }
    // `push: false`: only here is where a push leaves it, not a gap a push would fill
    if (entry.push && !entry.pull && !entry.missing && routing.pushOff(w.path)) {
      keptOff.push({ path: entry.path, ...(entry.stage !== undefined ? { stage: entry.stage } : {}) });
      continue;
    }
    if (entry.push || entry.pull || entry.missing) entries.push(entry);
    else inSync++;
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.stage ?? '') < (b.stage ?? '') ? -1 : 1));
  return { ok: true, value: { remote: transport.description, entries, inSync, ...(missing ? { remoteMissing: true as const } : {}), ...(setup.value.name !== undefined ? { remoteName: setup.value.name } : {}), ...(keptOff.length > 0 ? { keptOff } : {}), ...(elsewhere.length > 0 ? { elsewhere } : {}) } };
}

/**
 * Every object an output is made of (a folder: its manifest and each file), its manifest read from
 * the local cache or else the remote; undefined when neither holds a sound manifest.
 */
async function objectsOf(w: Wanted, local: ObjectCache, remote: Map<string, RemoteObjectInfo>, transport: Transport): Promise<string[] | undefined> {
  if (!w.hash.endsWith('.dir')) return [w.hash];
  const manifest = local.readManifest(w.hash) ?? (remote.has(w.hash) ? await fetchRemoteManifest(transport, w.hash) : undefined);
  return manifest === undefined ? undefined : [w.hash, ...manifest.map((e) => e.hash)];
}

/** The size of a local cache object, or undefined when the cache lacks it. */
function sizeOf(abs: string): number | undefined {
  return fs.statSync(abs, { throwIfNoEntry: false })?.size;
}
