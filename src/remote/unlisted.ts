// A remote that cannot be listed (HTTP: plain HTTP has no directory listing, and pipe does not
// rely on a server's HTML index pages). push, pull and `status -c` read a listing of the remote's
// objects; for such a remote it is built instead from one presence check (HEAD) per object the
// command may ask about: the outputs of the chosen stages (and tracked data), each folder's files
// through its manifest (the local cache's copy, else the remote's, fetched and checked), and for a
// push the outputs of the run-cache entries it sends. A pull leaves out what the local cache
// already holds (it asks about a few of those only to tell a missing remote, doesNotExist). Run-cache
// entries are found through per-key indexes (run-index.ts): a push checks each of its own entries,
// sends the missing ones and then makes their keys' indexes name them all (`indexRuns`); a pull
// computes the keys of the stages it wants and reads their indexes (run-search.ts), and says what
// it could not look for (`notes`).
import { ObjectCache, RunCache } from '../stores/index.js';
import { pool } from './pool.js';
import type { RemoteObjectInfo, Transport, UnlistedTransport } from './transport.js';
import { fetchRemoteManifest } from './remote-manifest.js';
import { updateRunIndexes } from './run-index.js';
import type { RunSearch } from './run-search.js';

/** Presence checks in flight at once, unless `-j` says otherwise (each is one small request). */
export const PROBES_AT_ONCE = 16;

export interface Probed {
  /** The same remote, its listings being the answers. */
  transport: Transport;
  /** A pull's or status -c's remote whose path answered 404 and that holds none of what was asked (nor of what a pull holds): it does not exist (see doesNotExist). */
  missing: boolean;
  notes: string[];
}

export async function probeListing(
  root: string,
  remote: UnlistedTransport,
  options: {
    direction: 'push' | 'pull' | 'compare';
    /** The objects the command starts from: the chosen stages' outputs and tracked data. */
    wanted: string[];
    /** For a push: which run-cache entries it may send (their stage is chosen). */
    stageChosen: (stage: string) => boolean;
    /** A pull names a stage of pipeline.lock (its run-cache entries would be pulled from a listed remote). */
    stagesPulled: boolean;
    /** A pull: finds the run entries of the chosen stages through the run-index (run-search.ts); undefined: none looked for. */
    searchRuns?: () => Promise<RunSearch | undefined>;
    concurrency: number;
  },
): Promise<Probed> {
  const local = new ObjectCache(root);
  const tops = [...options.wanted];
  const localRuns: { key: string; id: string }[] = [];
  // a pull's: the entries the indexes name, their outputs asked about as the lock's are
  const search = options.direction === 'pull' ? await options.searchRuns?.() : undefined;
  const texts = new Map<string, string>();
  for (const r of search?.found ?? []) {
    texts.set(`${r.key}/${r.id}`, r.text);
    for (const o of Object.values(r.entry?.outs ?? {})) tops.push(o.hash);
  }
  if (options.direction === 'push') {
    const runs = new RunCache(root);
    for (const { key, id } of runs.list()) {
      const entry = runs.readEntry(key, id);
      if (!entry || !options.stageChosen(entry.stage)) continue;
      localRuns.push({ key, id });
      for (const o of Object.values(entry.outs)) tops.push(o.hash);
    }
  }

  const found = new Map<string, RemoteObjectInfo>();
  const asked = new Set<string>();
  // what a pull left out since the local cache holds it (asked about only to tell whether the remote exists)
  const held = new Set<string>();
  const ask = async (hashes: string[]): Promise<void> => {
    const todo = hashes.filter((h) => {
      // a pull takes what the local cache holds from there
      if (asked.has(h)) return false;
      if (options.direction === 'pull' && local.has(h)) {
        held.add(h);
        return false;
      }
      asked.add(h);
      return true;
    });
    await pool(todo, options.concurrency, async (h) => {
      const info = await remote.statObject(h);
      if (info !== undefined) found.set(h, info);
    });
  };

  // the outputs themselves, and the files of the folders the local cache has manifests of
  const remoteOnly: string[] = [];
  const first = new Set<string>();
  for (const h of tops) {
    first.add(h);
    if (!h.endsWith('.dir')) continue;
    const manifest = local.readManifest(h);
    if (manifest) for (const e of manifest) first.add(e.hash);
    else remoteOnly.push(h);
  }
  await ask([...first]);
  // then the files of folders only the remote has a manifest of (a push has nothing to send for those)
  if (options.direction !== 'push') {
    const second: string[] = [];
    await pool([...new Set(remoteOnly)].filter((h) => found.has(h)), options.concurrency, async (h) => {
      for (const e of (await fetchRemoteManifest(remote, h)) ?? []) second.push(e.hash);
    });
    await ask(second);
  }

  const present: { key: string; id: string }[] = (search?.found ?? []).map((r) => ({ key: r.key, id: r.id }));
  await pool(localRuns, options.concurrency, async (r) => {
    if (await remote.hasRun(r.key, r.id)) present.push(r);
  });

  // said only where a stage is pulled: tracked data alone has no run-cache entries; without a
  // search (pipeline.yaml does not load) no key is known, so none at all is looked for
  const notes = options.direction !== 'pull' ? []
    : search !== undefined ? search.notes
    : options.stagesPulled ? [`run-cache entries are not pulled from ${remote.description}: an http(s) remote cannot be listed and pipeline.yaml does not load, so no run-cache key is known (the outputs pipeline.lock records are pulled)`]
    : [];
  const listed: Transport = {
    description: remote.description,
    open: (mode) => remote.open(mode),
    listObjects: async () => new Map(found),
    hasObject: (hash) => remote.hasObject(hash),
    getObject: (hash, destAbs) => remote.getObject(hash, destAbs),
    putObject: (hash, srcAbs) => remote.putObject(hash, srcAbs),
    listRuns: async () => [...present],
    // what the search fetched is not fetched again
    getRun: async (key, id) => texts.get(`${key}/${id}`) ?? remote.getRun(key, id),
    putRun: (key, id, text) => remote.putRun(key, id, text),
    indexRuns: (runs) => updateRunIndexes(remote, runs, options.concurrency),
  };
  return { transport: listed, missing: await doesNotExist(remote, { asked, found, present, held: [...held], direction: options.direction, concurrency: options.concurrency }), notes };
}

/**
 * Whether a remote whose own path answered 404 does not exist. Static hosting and gateways with no
 * folders answer 404 there too, so that alone says nothing: the remote does not exist only where
 * the command asked about something and nothing at all was found. A pull that asked about nothing
 * (the local cache holds everything) is up to date; one whose objects were all missing first asks
 * about a few of the objects it holds: any one found there means the remote exists and merely
 * lacks the others (said per object, as for a directory remote).
 */
async function doesNotExist(
  remote: UnlistedTransport,
  s: { asked: Set<string>; found: Map<string, RemoteObjectInfo>; present: unknown[]; held: string[]; direction: string; concurrency: number },
): Promise<boolean> {
  if (!remote.prefixMissing || s.found.size > 0 || s.present.length > 0) return false;
  if (s.direction === 'pull' && s.asked.size === 0) return false;
  let seen = false;
  await pool(s.held.slice(0, s.concurrency), s.concurrency, async (h) => {
    if (!seen && (await remote.statObject(h)) !== undefined) seen = true;
  });
  return !seen;
}
