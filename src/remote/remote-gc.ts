// `pipe gc -c` (DVC's `gc --cloud`): the remote's part of a gc. It keeps on the remote what the
// local gc keeps (GcCloudContext.keep), plus what the experiment records pushed there
// (`exps/<id>.json`, `pipe exp push`) need, and removes the rest: objects, the run-cache entries
// whose outputs would no longer be whole there, and `.tmp-*` uploads dead pushes left. A folder
// kept whose manifest the local cache lacks is read from the remote, so its files stay too.
// Nothing here locks the remote: a push from another machine running meanwhile may upload an
// object this gc then removes (DVC accepts the same race; README says so).
import { createHash } from 'node:crypto';
import type { Failure, GcCloudContext, GcCloudSummary } from '../engine/index.js';
import { decodeRunEntry, type Result, type StoreFailure } from '../stores/index.js';
import { readRecordText } from '../experiments/store.js';
import { pool } from './pool.js';
import { fetchRemoteManifest } from './remote-manifest.js';
import { remoteErrorsAsFailure } from './sync.js';
import { remoteUnusable, type RemoteSpec } from './config.js';
import { EXPS_DIR, type RemoteRun, type Transport } from './transport.js';

/** Requests in flight while reading run entries and manifests. */
const READS_AT_ONCE = 16;

export interface RemoteGcOptions {
  /** also keep what the remote's experiment records need (every mode but `--workspace`, as for local records) */
  records: boolean;
}

/**
 * The `cloud` hook of collectGarbage for one remote: `open` makes a fresh transport (each call
 * lists the remote anew: the plan shown in a terminal, then the gc), closed when done.
 */
export function remoteGc(open: () => Transport, spec: RemoteSpec | undefined, options: RemoteGcOptions): (context: GcCloudContext) => Promise<{ ok: true; value: GcCloudSummary } | { ok: false; failure: Failure }> {
  return async (context) => {
    const transport = open();
    try {
      const done = await remoteErrorsAsFailure(() => clean(transport, spec, options, context));
      if (done.ok) return done;
      const f = done.failure;
      // a remote that stopped answering is a failure to retry (exit 1); the rest are the user's to fix (exit 2)
      const kind = f.code === 'remote-unreachable' || f.code === 'io-failed' ? 'io' : 'remote';
      return { ok: false, failure: { kind, message: `${f.message}; nothing was removed${f.hint === undefined ? '' : `\nhint: ${f.hint}`}` } };
    } finally {
      await transport.close?.();
    }
  };
}

async function clean(
  transport: Transport,
  spec: RemoteSpec | undefined,
  options: RemoteGcOptions,
  context: GcCloudContext,
): Promise<Result<GcCloudSummary>> {
  const check = await transport.open('read');
  if (!check.ok) return { ok: false, failure: remoteUnusable(check, transport.description, spec) };
  const listed = await transport.listObjects();
  const keep = new Set(context.keep);
  let records = 0;
  if (options.records && transport.listExpRecords !== undefined && transport.getExpRecord !== undefined) {
    for (const file of await transport.listExpRecords()) {
      const where = `${EXPS_DIR}/${file} on ${transport.description}`;
      const text = await transport.getExpRecord(file);
      if (text === undefined) continue; // removed meanwhile (its owner's `pipe exp push -f`, by hand)
      const read = readRecordText(where, text);
      // what an unreadable record needs is unknown: removing anything could lose it
      if ('note' in read) return { ok: false, failure: unreadable(read.note.replace(/: skipped, /, ': '), where) };
      const rec = read.record;
      const texts: { text: string; kind: 'lock' | 'tracking'; source: string }[] = [];
      if (rec.pipeline_lock !== null) texts.push({ text: rec.pipeline_lock, kind: 'lock', source: `${where} (pipeline_lock)` });
      for (const [p, t] of Object.entries(rec.tracked_files ?? {})) texts.push({ text: t, kind: 'tracking', source: `${where} (tracked_files: ${p})` });
      for (const t of texts) {
        const needs = context.needsOf(t.text, t.kind, t.source);
        if (!needs.ok) return { ok: false, failure: unreadable(needs.message, where) };
        for (const h of needs.value) keep.add(h);
      }
      records++;
    }
  }
  // folders kept whose manifest only the remote holds: their files are kept too
  const manifests = new Map<string, string[] | undefined>();
  const expandRemote = async (set: Set<string>): Promise<void> => {
    const folders = [...set].filter((h) => h.endsWith('.dir') && listed.has(h));
    await pool(folders, READS_AT_ONCE, async (h) => {
      if (!manifests.has(h)) manifests.set(h, (context.localManifest(h) ?? (await fetchRemoteManifest(transport, h)))?.map((e) => e.hash));
      for (const f of manifests.get(h) ?? []) set.add(f);
    });
  };
  await expandRemote(keep);
  const endangered: { name: string; objects: number }[] = [];
  for (const group of context.protect) {
    const needs = new Set(group.needs);
    await expandRemote(needs);
    const objects = [...needs].filter((h) => listed.has(h) && !keep.has(h)).length;
    if (objects > 0) endangered.push({ name: group.name, objects });
  }
  // a remote given by its name from `remotes:` is said as push says it: `team (/srv/r)`
  const base = { remote: spec?.name === undefined ? transport.description : `${spec.name} (${transport.description})`, records };
  const nothing = { removedObjects: 0, removedBytes: 0, removedRunEntries: 0, removedTemps: 0 };
  if (endangered.length > 0) return { ok: true, value: { ...base, ...nothing, keptObjects: listed.size, endangered } };
  const doomed = [...listed.keys()].filter((h) => !keep.has(h));
  const removedBytes = doomed.reduce((n, h) => n + (listed.get(h)?.size ?? 0), 0);
  // an entry stays where every output it records stays whole on the remote
  const left = (h: string): boolean => listed.has(h) && keep.has(h);
  const whole = (h: string): boolean => {
    if (!left(h)) return false;
    if (!h.endsWith('.dir')) return true;
    const files = manifests.get(h);
    return files !== undefined && files.every(left);
  };
  const staleRuns: { key: string; id: string }[] = [];
  const judge = (r: RemoteRun, text: string): void => {
    const entry = decodeRunEntry(text, r.id);
    if (entry === undefined || !Object.values(entry.outs).every((o) => whole(o.hash))) staleRuns.push({ key: r.key, id: r.id });
  };
  // An entry whose bytes the listing's MD5 shows the local run-cache holds too is judged from
  // that copy: the same bytes, so the same decision, without a GET (on an object store, one
  // round trip per entry was most of a gc's time; a clone's own pushes are most of a remote's).
  const toRead: RemoteRun[] = [];
  for (const r of await transport.listRuns()) {
    const local = r.md5 === undefined ? undefined : context.localRunText(r.key, r.id);
    if (local !== undefined && createHash('md5').update(local, 'utf8').digest('hex') === r.md5) judge(r, local);
    else toRead.push(r);
  }
  await pool(toRead, READS_AT_ONCE, async (r) => {
    const text = await transport.getRun(r.key, r.id);
    if (text !== undefined) judge(r, text); // undefined: gone meanwhile
  });
  const temps = transport.staleTempCount?.() ?? 0;
  const kept = listed.size - doomed.length;
  if (context.dryRun) return { ok: true, value: { ...base, removedObjects: doomed.length, removedBytes, removedRunEntries: staleRuns.length, removedTemps: temps, keptObjects: kept } };
  // entries first, then folders' manifests, then files: a remote cut off midway never holds an
  // entry or a manifest that points at objects already gone
  await transport.removeRuns?.(staleRuns);
  await transport.removeObjects?.(doomed.filter((h) => h.endsWith('.dir')));
  await transport.removeObjects?.(doomed.filter((h) => !h.endsWith('.dir')));
  const removedTemps = (await transport.removeStaleTemps?.()) ?? 0;
  return { ok: true, value: { ...base, removedObjects: doomed.length, removedBytes, removedRunEntries: staleRuns.length, removedTemps, keptObjects: kept } };
}

function unreadable(message: string, where: string): StoreFailure {
  return {
    code: 'remote-config',
    message: `${message}; it could need any object on the remote`,
    hint: `fix or delete ${where} (\`pipe exp pull\` fetches it to look at), or run \`pipe gc -w -c\` to keep only what pipeline.lock needs`,
  };
}
