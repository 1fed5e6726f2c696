// `pipe exp push <remote> [names...]` and `pipe exp pull <remote> [names...]` (DVC's commands for
// sharing experiments). An experiment is its record (metrics/experiments/<id>.json) plus the cache
// objects `pipe exp apply` restores from: the cached outs its pipeline.lock names and the data
// versions its `.pipe` files name (`cache: false` outs are in the record itself; apply uses no
// run-cache entry). The objects move through `pipe push`/`pull`'s transfer (sync.ts) as a list of
// hashes; the record goes to the remote as `exps/<id>.json`, its exact text, after its objects, so
// a record a teammate can pull always has its objects there. Nothing is overwritten that differs,
// on either side, without `--force`; a pulled record is written atomically after its objects.
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { EventSink } from '../engine/index.js';
import { openTransport, remoteUnusable, resolveRemoteSpec } from '../remote/config.js';
import { pool } from '../remote/pool.js';
import { pull, push, refuseInsideProject, withRemote, type TransferEvent, type TransferProblem, type TransferResult } from '../remote/sync.js';
import { projectRoutes } from '../remote/project-routes.js';
import { trackedRoutes, type OutRoute } from '../remote/out-routes.js';
import { EXPS_DIR, isExpRecordFile, isUnlisted, type Transport } from '../remote/transport.js';
import { addToExpIndex, readExpIndex } from './exp-index.js';
import type { StoreFailure } from '../stores/index.js';
import { parseTrackingFile } from '../stores/tracking-file.js';
import { experimentOuts } from './apply.js';
import { problem, refuse, success, type ExpFailure, type Outcome } from './failure.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { withProjectLock } from './project-lock.js';
import { checkRecordsFolder } from './records-folder.js';
import { EXPERIMENTS_DIR, type ExperimentRecord } from './schema.js';
import { ambiguousName, byCreation, experimentLabel, findExperiments, loadExperiments, readRecordText } from './store.js';

export interface ShareOptions {
  /** the remote's name from `remotes:`, URL or path (a relative path already taken from the cwd) */
  remote: string;
  /** the remote as the command line gave it, for the commands a hint names (default: `remote`) */
  remoteAsTyped?: string;
  /** ids, names or unique id prefixes; empty with `all` */
  refs: string[];
  /** `-A/--all`: every record (push: in metrics/experiments/; pull: on the remote) */
  all: boolean;
  /** push: replace a different record on the remote; pull: a different local one. Objects: as `pipe push --force`. */
  force: boolean;
  concurrency?: number;
  onEvent?: (e: TransferEvent) => void;
  emit?: EventSink;
}

export interface RecordMove {
  label: string;
  id: string;
  /** push: `exps/<id>.json` on the remote; pull: the local file, `metrics/experiments/<id>.json` */
  path: string;
  /** copied; already the same text there; copied over a different one (`--force`) */
  state: 'copied' | 'same' | 'replaced';
}

export interface ShareResult {
  transfer: TransferResult;
  records: RecordMove[];
  /** push: records kept back because not every object they need reached the remote */
  heldBack: string[];
  /** remote records skipped, and why (pull) */
  notes: string[];
}

/** `exp push`: each chosen record's objects to the remote, then the record itself. */
export async function pushExperiments(root: string, opts: ShareOptions): Promise<Outcome<ShareResult>> {
  const chosen = checkChoice(opts, 'push');
  if (!chosen.ok) return chosen;
  const loaded = await loadExperiments(root);
  const picked = opts.all ? success(loaded.records) : findExperiments(loaded.records, opts.refs);
  if (!picked.ok) return picked;
  const records = unique(picked.value);
  if (records.length === 0) return refuse(`no experiment records in ${EXPERIMENTS_DIR}/: nothing to push`, { hint: '`pipe exp run` records one' });
  const local: { rec: ExperimentRecord; file: string; text: string }[] = [];
  for (const rec of records) {
    const name = loaded.files.get(rec);
    if (name === undefined) throw new Error('a loaded record without its file');
    const file = `${rec.id}.json`;
    if (!isExpRecordFile(file)) return refuse(`its id '${rec.id}' cannot name a file on the remote (letters, digits and . _ + - only)`, { where: `${EXPERIMENTS_DIR}/${name}`, exitCode: 2 });
    local.push({ rec, file, text: await readFile(join(root, EXPERIMENTS_DIR, name), 'utf8') });
  }
  const wanted = await objectsOf(root, records);
  if (!wanted.ok) return wanted;
  return onRemote(root, opts, 'push', async (t) => {
    const there = new Map<string, string | undefined>();
    await pool(local, opts.concurrency ?? 4, async (l) => {
      there.set(l.file, await recordsOf(t).getExpRecord(l.file));
    });
    const differing = local.filter((l) => there.get(l.file) !== undefined && there.get(l.file) !== l.text);
    if (differing.length > 0 && !opts.force) {
      const names = differing.map((l) => `${experimentLabel(l.rec)} (${EXPS_DIR}/${l.file})`).join(', ');
      return refuse(`the remote ${t.description} holds a different record of ${names}: nothing was pushed`, {
        hint: `\`pipe exp push --force ${typed(opts)} ${differing.map((l) => l.rec.id).join(' ')}\` replaces the remote's with yours (the remote's is lost)`,
      });
    }
    // another experiment under the same name there (a teammate's `lr05`): a pull by that name could
    // not tell them apart, so, as DVC's exp push, it is refused unless --force replaces it
    const { remote } = await remoteRecords(t, opts);
    const clashes = local.flatMap((l) => remote.filter((r) => l.rec.name !== null && r.name === l.rec.name && r.id !== l.rec.id).map((other) => ({ l, other })));
    if (clashes.length > 0 && !opts.force) {
      const which = clashes.map((c) => `'${c.l.rec.name}': ${described(c.other)}; yours is ${described(c.l.rec)}`).join('; and ');
      const mine = [...new Set(clashes.map((c) => c.l.rec.name))].join(' ');
      return refuse(`the remote ${t.description} holds another experiment named ${which}: nothing was pushed`, {
        hint: `\`pipe exp push --force ${typed(opts)} ${mine}\` replaces it there with yours (the remote's record is lost there); or give yours another name (its "name" in ${EXPERIMENTS_DIR}/) and push again`,
      });
    }
    const sent = await push(root, transferOptions(opts, wanted.value, opts.force, routesOf(root, records)));
    if (!sent.ok) return { ok: false, failure: fromStore(sent.failure) };
    const transfer = { ...sent.value, problems: sent.value.problems.map((p) => reword(p, wanted.value)) };
    // a record on the remote says its objects are there: none goes while one of them is not
    if (transfer.problems.length > 0) return success({ transfer, records: [], heldBack: local.map((l) => experimentLabel(l.rec)), notes: [] });
    const moves: RecordMove[] = [];
    for (const l of local) {
      const before = there.get(l.file);
      const move = { label: experimentLabel(l.rec), id: l.rec.id, path: `${EXPS_DIR}/${l.file}` };
      if (before === l.text) {
        moves.push({ ...move, state: 'same' });
        continue;
      }
      await recordsOf(t).putExpRecord(l.file, l.text);
      moves.push({ ...move, state: before === undefined ? 'copied' : 'replaced' });
    }
    // the index names every record this push put or found in place (exp-index.ts)
    const notes = await addToExpIndex(recordsOf(t), local.map((l) => l.file), t.description);
    // --force over a name clash: the other records of that name go, once yours is there
    const replaced = clashes.map((c) => c.other);
    if (replaced.length > 0) {
      if (t.removeExpRecords === undefined) {
        notes.push(`the remote ${t.description} cannot delete records: ${replaced.map((r) => `${EXPS_DIR}/${r.id}.json`).join(', ')} stay there, so a pull must name the one it wants by id`);
      } else {
        await t.removeExpRecords(replaced.map((r) => `${r.id}.json`));
        for (const r of replaced) notes.push(`removed ${EXPS_DIR}/${r.id}.json from the remote, the other record named '${r.name ?? ''}' (created ${r.created || 'unknown'})`);
      }
    }
    return success({ transfer, records: moves, heldBack: [], notes });
  });
}

/** `exp pull`: the chosen records from the remote, their objects into the cache, then the records into metrics/experiments/. */
export async function pullExperiments(root: string, opts: ShareOptions): Promise<Outcome<ShareResult>> {
  const chosen = checkChoice(opts, 'pull');
  if (!chosen.ok) return chosen;
  const folder = await checkRecordsFolder(root);
  if (!folder.ok) return folder;
  return onRemote(root, opts, 'pull', async (t) => {
    const { remote, texts, notes } = await remoteRecords(t, opts);
    // a name two teammates' records hold on the remote: which one is the user's to say (DVC refuses an ambiguous name)
    for (const ref of opts.all ? [] : opts.refs) {
      const ambiguous = ambiguousName(remote, ref);
      if (ambiguous !== undefined) {
        return refuse(ambiguous.message.replace(/^experiment name '[^']*' is ambiguous: (\d+) experiments have it/, `the remote ${t.description} holds $1 experiments named '${ref}'`), {
          hint: `pull the one you mean by its id: \`pipe exp pull ${typed(opts)} <id>\`; or \`--all\` takes them all`,
          exitCode: 2,
        });
      }
    }
    const picked = opts.all ? success(remote) : findExperiments(remote, opts.refs);
    if (!picked.ok) return { ok: false, failure: onTheRemote(picked.failure, t.description, remote) };
    const records = unique(picked.value);
    if (records.length === 0) return refuse(`the remote ${t.description} holds no experiment records: nothing to pull`, { hint: '`pipe exp push` sends them there' });
    // where each goes: the local file holding the same id (a file renamed by hand keeps its name), else <id>.json
    const loaded = await loadExperiments(root);
    const plans: { rec: ExperimentRecord; local: string; text: string; before: string | undefined }[] = [];
    for (const rec of records) {
      const from = texts.get(rec);
      if (from === undefined) throw new Error('a remote record without its text');
      const mine = loaded.records.find((r) => r.id === rec.id);
      const name = (mine === undefined ? undefined : loaded.files.get(mine)) ?? from.file;
      const local = posix.join(EXPERIMENTS_DIR, name);
      plans.push({ rec, local, text: from.text, before: await readIfExists(join(root, local)) });
    }
    const differing = plans.filter((p) => p.before !== undefined && p.before !== p.text);
    if (differing.length > 0 && !opts.force) {
      const which = differing.map((p) => `${experimentLabel(p.rec)} (${p.local})`).join(', ');
      return refuse(`the local record of ${which} differs from the one the remote ${t.description} holds: nothing was pulled`, {
        hint: `\`pipe exp pull --force ${typed(opts)} ${differing.map((p) => p.rec.id).join(' ')}\` replaces yours with the remote's (yours is lost unless git holds it)`,
      });
    }
    const wanted = await objectsOf(root, records);
    if (!wanted.ok) return wanted;
    const got = await pull(root, transferOptions(opts, wanted.value, false, routesOf(root, records)));
    if (!got.ok) return { ok: false, failure: fromStore(got.failure) };
    const transfer = { ...got.value, problems: got.value.problems.map((p) => reword(p, wanted.value)) };
    // written even when objects are missing: `exp show` lists it, and `exp apply` says what it lacks
    const moves: RecordMove[] = [];
    for (const p of plans) {
      const move = { label: experimentLabel(p.rec), id: p.rec.id, path: p.local };
      if (p.before === p.text) {
        moves.push({ ...move, state: 'same' });
        continue;
      }
      await writeFileAtomic(join(root, p.local), p.text);
      moves.push({ ...move, state: p.before === undefined ? 'copied' : 'replaced' });
    }
    return success({ transfer, records: moves, heldBack: [], notes });
  });
}

/** Every record the remote holds, read (names are inside them), oldest first; the files skipped, and why. */
async function remoteRecords(t: Transport, opts: ShareOptions): Promise<{ remote: ExperimentRecord[]; texts: Map<ExperimentRecord, { file: string; text: string }>; notes: string[] }> {
  const notes: string[] = [];
  const texts = new Map<ExperimentRecord, { file: string; text: string }>();
  const remote: ExperimentRecord[] = [];
  // read several at once, as the transfer moves objects
  const files = await recordsOf(t).listExpRecords();
  const fetched = new Map<string, string | undefined>();
  await pool(files, opts.concurrency ?? 4, async (file) => {
    fetched.set(file, await recordsOf(t).getExpRecord(file));
  });
  for (const file of files) {
    const text = fetched.get(file);
    if (text === undefined) continue; // removed meanwhile
    const read = readRecordText(`${EXPS_DIR}/${file}`, text);
    if ('note' in read) {
      notes.push(`${read.note} (on the remote ${t.description})`);
      continue;
    }
    // the id names the file everywhere: a record renamed on the remote is not taken for another
    if (`${read.record.id}.json` !== file) {
      notes.push(`${EXPS_DIR}/${file}: skipped, it holds the record of id '${read.record.id}' (on the remote ${t.description})`);
      continue;
    }
    remote.push(read.record);
    texts.set(read.record, { file, text });
  }
  remote.sort(byCreation);
  return { remote, texts, notes };
}

/** A record as a clash names it: id, creation time, commit. */
function described(r: ExperimentRecord): string {
  return `${r.id} (created ${r.created || 'unknown'}${r.git !== null ? `, commit ${r.git.rev.slice(0, 7)}` : ''})`;
}

function checkChoice(opts: ShareOptions, verb: 'push' | 'pull'): Outcome<void> {
  if (opts.all && opts.refs.length > 0) return refuse(`give experiment names or --all, not both`, { exitCode: 2 });
  if (!opts.all && opts.refs.length === 0) {
    return refuse(`name the experiments to ${verb}, or pass --all`, { hint: verb === 'push' ? 'list them with `pipe exp show`' : `\`pipe exp pull ${typed(opts)} --all\` takes every record the remote holds`, exitCode: 2 });
  }
  return success(undefined);
}

/** A remote path or name with spaces or shell characters, quoted for a command a hint names. */
function typed(opts: ShareOptions): string {
  const r = opts.remoteAsTyped ?? opts.remote;
  return /^[A-Za-z0-9_./:@+=-]+$/.test(r) ? r : `'${r.replace(/'/g, "'\\''")}'`;
}

function unique(records: ExperimentRecord[]): ExperimentRecord[] {
  return [...new Map(records.map((r) => [r.id, r])).values()];
}

/** An object an experiment needs: its hash, the path it restores to, and which experiments name it. */
interface Needed {
  hash: string;
  path: string;
  labels: string[];
}

/**
 * `push: false` and `remote:` for the experiments' objects, as `pipe push`/`pull` route them: the
 * workspace's pipeline.yaml outputs and .pipe files (exp apply reads the workspace's declarations
 * too), and for data only a record's .pipe file tracks, that file's own entry.
 */
function routesOf(root: string, records: ExperimentRecord[]): Map<string, OutRoute> {
  const routes = projectRoutes(root);
  for (const rec of records) {
    for (const [file, text] of Object.entries(rec.tracked_files ?? {})) {
      if (typeof text !== 'string') continue;
      const parsed = parseTrackingFile(text, file);
      if (!parsed.ok || parsed.value.transfer === undefined) continue;
      const dir = posix.dirname(file);
      const path = dir === '.' ? parsed.value.out.path : `${dir}/${parsed.value.out.path}`;
      if (routes.has(path)) continue;
      for (const [p, r] of trackedRoutes([{ file: `${EXPERIMENTS_DIR}/${rec.id}.json (${file})`, path, transfer: parsed.value.transfer }])) routes.set(p, r);
    }
  }
  return routes;
}

/** The cached outs of each record's pipeline.lock and the data its `.pipe` files name. */
async function objectsOf(root: string, records: ExperimentRecord[]): Promise<Outcome<Needed[]>> {
  const needed = new Map<string, Needed>();
  const add = (hash: string, path: string, label: string) => {
    const n = needed.get(`${hash}\0${path}`);
    if (n === undefined) needed.set(`${hash}\0${path}`, { hash, path, labels: [label] });
    else if (!n.labels.includes(label)) n.labels.push(label);
  };
  for (const rec of records) {
    const label = experimentLabel(rec);
    if (rec.pipeline_lock !== null) {
      const outs = await experimentOuts(root, rec);
      if (!outs.ok) return outs;
      // `cache: false` outs come back from the record itself
      for (const o of outs.value.outs) if (!outs.value.uncached.has(o.path)) add(o.hash, o.path, label);
    }
    for (const [file, text] of Object.entries(rec.tracked_files ?? {})) {
      if (typeof text !== 'string') continue;
      const parsed = parseTrackingFile(text, file);
      if (!parsed.ok) return refuse(`its record holds ${file} as text that does not parse (${parsed.failure.message})`, { where: `${EXPERIMENTS_DIR}/${rec.id}.json` });
      const dir = posix.dirname(file);
      add(parsed.value.out.hash, dir === '.' ? parsed.value.out.path : `${dir}/${parsed.value.out.path}`, label);
    }
  }
  return success([...needed.values()]);
}

/** `pipe push`/`pull`'s transfer, of the experiments' objects alone (no stage of pipeline.lock, no run-cache entry). */
function transferOptions(opts: ShareOptions, wanted: Needed[], force: boolean, routes: Map<string, OutRoute>) {
  return {
    noStages: true,
    tracked: wanted.map((w) => ({ hash: w.hash, path: w.path })),
    remote: opts.remote,
    ...(routes.size > 0 ? { routes, routeAll: true as const } : {}),
    lockHeld: true,
    ...(force ? { force: true } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.onEvent !== undefined ? { onEvent: opts.onEvent } : {}),
    ...(opts.emit !== undefined ? { emit: opts.emit } : {}),
  };
}

/**
 * The transfer's problems name the experiment rather than advising `pipe add` (its wording for
 * objects named by path alone): a local object missing or damaged is one the experiment's run
 * made, which only running it again makes again.
 */
function reword(p: TransferProblem, wanted: Needed[]): TransferProblem {
  if (p.kind !== 'missing-local' && p.kind !== 'corrupt-local') return p;
  const owner = wanted.find((w) => p.path !== undefined && (p.path === w.path || p.path.startsWith(`${w.path}/`)));
  const of = owner === undefined ? '' : ` of experiment ${owner.labels.join(', ')}`;
  const what = p.kind === 'missing-local' ? 'is not in the local cache' : 'does not match its hash; removed from the cache';
  return { ...p, message: `object ${p.hash}${p.path === undefined ? '' : ` (${p.path})`}${of} ${what}, not pushed (run the experiment again with \`pipe exp run\`, or push it from a cache that holds it)` };
}

/** A transport's record methods, which onRemote made sure it has. */
function recordsOf(t: Transport): Required<Pick<Transport, 'listExpRecords' | 'getExpRecord' | 'putExpRecord'>> {
  const { listExpRecords, getExpRecord, putExpRecord } = t;
  if (getExpRecord === undefined || putExpRecord === undefined) throw new Error('a transport without experiment records');
  const files = { getExpRecord: getExpRecord.bind(t), putExpRecord: putExpRecord.bind(t) };
  // a remote that cannot be listed (http) says which records it holds through its index only
  if (isUnlisted(t) || listExpRecords === undefined) return { ...files, listExpRecords: () => readExpIndex(files) };
  return { ...files, listExpRecords: listExpRecords.bind(t) };
}

/**
 * Opens the remote for its records (the transfer opens its own, as `pipe push` does), runs `body`
 * under the project's repro lock (`pipe gc` reads records to know what to keep: a pull's objects
 * and records arrive together for it), and closes the remote.
 */
async function onRemote<T>(root: string, opts: ShareOptions, direction: 'push' | 'pull', body: (t: Transport) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  const spec = resolveRemoteSpec(root, opts.remote);
  if (!spec.ok) return { ok: false, failure: fromStore(spec.failure) };
  // as `pipe push`: a folder inside the project that git sees is refused before it is made
  const inside = direction === 'push' ? refuseInsideProject(root, spec.value) : undefined;
  // (a path given here is the command's first argument, not a --remote)
  if (inside !== undefined) return { ok: false, failure: fromStore({ ...inside, message: inside.message.replace(/^--remote: /, '') }) };
  const made = openTransport(root, spec.value);
  if (!made.ok) return { ok: false, failure: fromStore(made.failure) };
  const t = made.value;
  if (t.getExpRecord === undefined || t.putExpRecord === undefined) {
    await t.close?.();
    return refuse(`the remote ${t.description} cannot hold experiment records`, {
      hint: `use a directory, s3://, ssh:// or http(s):// remote for \`pipe exp ${direction}\`; or commit ${EXPERIMENTS_DIR}/ to git and \`pipe ${direction}\` the outputs`,
      exitCode: 2,
    });
  }
  const ran = await withRemote<Outcome<T>>(async (opened) => {
    opened.push(t);
    const check = await t.open(direction === 'push' ? 'write' : 'read');
    if (!check.ok) return { ok: false, failure: remoteUnusable(check, t.description, spec.value) };
    const locked = await withProjectLock(root, `exp ${direction}`, () => body(t), opts.emit);
    return { ok: true, value: locked.ok ? locked.value : locked };
  });
  return ran.ok ? ran.value : { ok: false, failure: fromStore(ran.failure) };
}

/** A remote's or transfer's failure as the experiments commands report one, with `pipe push`'s exit codes: 1 when the work was stopped, 2 otherwise. */
function fromStore(f: StoreFailure): ExpFailure {
  // the remote is these commands' first argument, where `pipe push`'s wording speaks of its --remote
  const hint = f.hint?.replace('check the path given to --remote (it overrides $PIPE_REMOTE and pipe.config.yaml)', 'check the remote the command was given');
  return problem(f.message, { ...(hint !== undefined ? { hint } : {}), exitCode: f.code === 'locked' || f.code === 'io-failed' ? 1 : 2 });
}

/** findExperiments' refusal of a name, said of the remote's records. */
function onTheRemote(f: ExpFailure, where: string, remote: ExperimentRecord[]): ExpFailure {
  const shown = remote.slice(-10).map(experimentLabel);
  return {
    ...f,
    message: f.message.replace(/^no experiment with/, `the remote ${where} holds no experiment with`),
    hint: remote.length === 0 ? 'it holds no records yet: `pipe exp push` sends them' : `it holds ${remote.length === 1 ? '1 record' : `${remote.length} records`}: ${shown.join(', ')}${remote.length > shown.length ? ', ...' : ''}`,
  };
}
