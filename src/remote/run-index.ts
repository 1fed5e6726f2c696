// The run-index of a remote that cannot be listed (HTTP): per run-cache key, one file
// `run-index/<hh>/<rest-of-key>.json` under the remote's prefix holding canonical JSON
// `{"ids":[...],"v":1}`, the ids of the entries under `runs/<hh>/<rest-of-key>/` (sorted). A pull
// computes the keys of the stages it wants (run-search.ts), so the index is all it lacks to find
// their entries without a listing. The server is a plain file store: a push updates an index by
// read, merge, write, then reads it back and merges again when another push's write replaced its
// own (up to INDEX_TRIES writes). An id is never removed by pipe, so what is lost can only be an
// id two pushes wrote over each other in that window, and every later push from a clone holding
// the entry puts it back (it checks the index of each entry it holds, sent or not). The index is
// only a pointer: each entry it names is fetched and checked against its id, as without it.
import { canonicalJson } from '../stores/index.js';
import { pool } from './pool.js';
import type { UnlistedTransport } from './transport.js';

const INDEX_VERSION = 1;
/** Writes of one index before a push gives up on it for this time (a note; the next push mends it). */
export const INDEX_TRIES = 3;

const ID = /^[0-9a-f]{64}$/;

/** The index's bytes for these ids (sorted, each once). */
export function encodeRunIndex(ids: Iterable<string>): string {
  return canonicalJson({ ids: [...new Set(ids)].sort(), v: INDEX_VERSION });
}

/** The ids an index names, or undefined where it is not one (another version, damaged): taken as none. */
export function decodeRunIndex(text: string): string[] | undefined {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data.v !== INDEX_VERSION || !Array.isArray(data.ids)) return undefined;
    // an id that is not one is left out: it could only name a path outside the key's folder
    return data.ids.filter((id): id is string => typeof id === 'string' && ID.test(id));
  } catch {
    return undefined;
  }
}

/** The ids the remote's index of `key` names; undefined: it has none (or none pipe can read). */
export async function readRunIndex(remote: Pick<UnlistedTransport, 'getRunIndex'>, key: string): Promise<string[] | undefined> {
  const text = await remote.getRunIndex(key);
  return text === undefined ? undefined : decodeRunIndex(text);
}

/**
 * Makes each key's index name the given ids (entries now on the remote), keeping the ids already
 * there. One GET per key when nothing is missing. Returns a note for each key whose index still
 * lacks some after INDEX_TRIES writes (pushes racing on it).
 */
export async function updateRunIndexes(remote: UnlistedTransport, runs: { key: string; id: string }[], concurrency: number): Promise<string[]> {
  const byKey = new Map<string, Set<string>>();
  for (const r of runs) {
    const ids = byKey.get(r.key) ?? new Set<string>();
    ids.add(r.id);
    byKey.set(r.key, ids);
  }
  const unsettled: string[] = [];
  await pool([...byKey], concurrency, async ([key, ids]) => {
    for (let tries = 0; ; tries++) {
      const there = new Set((await readRunIndex(remote, key)) ?? []);
      const missing = [...ids].filter((id) => !there.has(id));
      if (missing.length === 0) return;
      if (tries === INDEX_TRIES) {
        unsettled.push(key);
        return;
      }
      await remote.putRunIndex(key, encodeRunIndex([...there, ...ids]));
    }
  });
  if (unsettled.length === 0) return [];
  return [`the run-index of ${unsettled.length === 1 ? 'run-cache key' : 'run-cache keys'} ${unsettled.sort().join(', ')} on ${remote.description} kept being replaced by another push: run \`pipe push\` again once the others are done, so that a pull finds every entry`];
}
