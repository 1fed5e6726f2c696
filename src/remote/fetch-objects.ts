// Fetches a few named objects from the remote into the local cache: the metrics, plots and params
// files of another git revision that `pipe metrics/params/plots diff` reads (DVC 3 reads them
// through its filesystem, which fetches from the remote). Each object comes from the remote its
// output's `remote:` names, else the default one (as `pipe pull` resolves it: $PIPE_REMOTE, then
// pipe.config.yaml). What arrives is checked as a pull checks it: it must hash to its name (a
// folder's manifest must parse too), or it never enters the cache under that name.
// No project lock is taken: a diff must not wait for (or fail beside) a running repro, and a
// fetch only adds content-addressed objects through a temp file named with this live pid, which a
// concurrent `pipe gc` leaves alone; at worst such a gc removes the object again afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { ObjectCache, type Result } from '../stores/index.js';
import { hashObjectFile } from '../stores/objects.js';
import { tempPathFor } from '../stores/atomic.js';
import { openTransport, remoteUnusable, resolveRemoteSpec } from './config.js';
import { isManifestFile } from './remote-manifest.js';
import { withRemote } from './sync.js';
import type { Transport } from './transport.js';

export interface WantedObject {
  /** the file (or folder) of the revision the object holds */
  path: string;
  hash: string;
  /** the name from `remotes:` its output's `remote:` gives, where it has one */
  remote?: string;
}

export interface FetchReport {
  /** per remote fetched from: its words (`storage (/srv/remote)`) and the paths fetched */
  fetched: { remote: string; paths: string[] }[];
  /** path → why it was not fetched (the remote lacks it, cannot be read, sent a damaged copy) */
  failed: Map<string, string>;
}

/**
 * Fetches `wanted` (a revision's small declared files) into the local cache. A path whose remote
 * cannot be resolved at all (no remote configured) is neither fetched nor failed: there was
 * nowhere to try.
 */
export async function fetchObjects(root: string, wanted: WantedObject[]): Promise<FetchReport> {
  const report: FetchReport = { fetched: [], failed: new Map() };
  const byRemote = new Map<string, WantedObject[]>();
  for (const w of wanted) {
    const key = w.remote ?? '';
    byRemote.set(key, [...(byRemote.get(key) ?? []), w]);
  }
  for (const [name, group] of byRemote) {
    const spec = resolveRemoteSpec(root, name === '' ? undefined : name);
    if (!spec.ok) {
      // the default remote: none configured is no failure; a `remote:` naming none is one
      if (name !== '') for (const w of group) report.failed.set(w.path, spec.failure.message);
      continue;
    }
    const shown = spec.value.name;
    const done = await withRemote(async (opened): Promise<Result<Fetched>> => {
      const t = openTransport(root, spec.value);
      if (!t.ok) return t;
      opened.push(t.value);
      const check = await t.value.open('read');
      if (!check.ok) return { ok: false, failure: remoteUnusable(check, t.value.description, spec.value) };
      return { ok: true, value: await fetchFrom(root, t.value, group) };
    });
    const words = (description: string) => (shown === undefined ? `the remote ${description}` : `the remote ${shown} (${description})`);
    if (!done.ok) {
      // a remote missing, unreachable, or failing mid-way: its own words (they name it)
      for (const w of group) report.failed.set(w.path, done.failure.message);
      continue;
    }
    const { description, fetched, missing, rejected } = done.value;
    if (fetched.length > 0) report.fetched.push({ remote: words(description), paths: fetched });
    for (const p of missing) report.failed.set(p, `${words(description)} does not hold it`);
    for (const p of rejected) report.failed.set(p, `${words(description)} holds a copy that does not match its hash (damaged there; not stored)`);
  }
  return report;
}

interface Fetched {
  description: string;
  fetched: string[];
  missing: string[];
  rejected: string[];
}

async function fetchFrom(root: string, from: Transport, group: WantedObject[]): Promise<Fetched> {
  const objects = new ObjectCache(root);
  const fetched: string[] = [];
  const missing: string[] = [];
  const rejected: string[] = [];
  // a handful of small files: one at a time keeps a slow remote's errors in order
  for (const w of group) {
    if (objects.has(w.hash)) {
      fetched.push(w.path);
      continue;
    }
    const dest = objects.pathOf(w.hash);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const tmp = tempPathFor(dest);
    try {
      if (!(await from.getObject(w.hash, tmp))) {
        missing.push(w.path);
        continue;
      }
      const bare = w.hash.endsWith('.dir') ? w.hash.slice(0, -4) : w.hash;
      if ((await hashObjectFile(tmp)) !== bare || (w.hash.endsWith('.dir') && !isManifestFile(tmp, w.hash))) {
        rejected.push(w.path);
        continue;
      }
      await fs.promises.rename(tmp, dest);
      fetched.push(w.path);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }
  return { description: from.description, fetched, missing, rejected };
}
