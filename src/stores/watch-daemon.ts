// The folder watcher: a detached process, one per project, started by a run that met a big
// folder dep (watch-client.ts); the exchange is described in watch-protocol.ts.
//
// It keeps an inotify watch (fs.watch) on every directory of each folder it was asked about and
// counts events per folder: any event at all, a file written, touched, created, deleted or
// renamed, bumps that folder's generation. It never looks at what changed; the run that gets a
// new token walks the folder as it always did.
//
// The set of watched directories is brought up to date (new ones watched, gone ones dropped)
// before answering for a folder whose generation moved, so a token is only handed out while
// every directory below the folder is watched. That also covers an inotify queue overflow, which
// libuv drops silently: an overflow needs a full queue, whose events all count.
//
// A folder is refused (watching: false, so runs walk it) when it is not on a local file system
// or has a symlink inside (the walk follows links to places a watch on this folder cannot see).
// Argv: <project state dir> [<folder real path>...] (folders to start watching at once).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_IDLE_S,
  HEARTBEAT_MS,
  LOCAL_FS_TYPES,
  STALE_AFTER_MS,
  TEMP_SUFFIX,
  WATCH_PROTOCOL,
  processAlive,
  watchLayout,
  type DaemonInfo,
  type WatchReply,
  type WatchRequest,
} from './watch-protocol.js';

interface Folder {
  real: string;
  gen: number;
  /** generation at the end of the last sync; another value means the tree may have changed */
  syncedGen: number;
  watchable: boolean;
  watchers: fs.FSWatcher[];
}

const [stateDir, ...initial] = process.argv.slice(2);
if (stateDir === undefined) process.exit(2);
const layout = watchLayout(stateDir);
const id = crypto.randomBytes(8).toString('hex');
const folders = new Map<string, Folder>();
const idleMs = Math.max(1, Number(process.env.PIPE_WATCH_IDLE_S) || DEFAULT_IDLE_S) * 1000;
let lastRequest = Date.now();

if (!takeLock()) process.exit(0);
let housekeeping: NodeJS.Timeout | undefined;
for (const dir of initial) folderFor(dir);

// Requests: renamed into req/ complete, so one event per request carries its name.
fs.watch(layout.requests, (_event, name) => {
  if (name && !name.endsWith(TEMP_SUFFIX)) answer(name);
});
// The state dir removed (the project deleted) or another daemon's files: this one is done.
fs.watch(layout.dir, (_event, name) => {
  if (name === 'daemon.json' || name === 'lock' || name === null) {
    if (!stillOurs()) shutdown();
  }
});
// Announced only now that requests are watched: a run that reads daemon.json gets an answer.
writeAtomic(layout.daemonFile, JSON.stringify({ v: WATCH_PROTOCOL, pid: process.pid, id } satisfies DaemonInfo));
fs.rmSync(layout.startingFile, { force: true });
// Two daemons that started together both wrote daemon.json: the one that wrote first leaves.
if (!stillOurs()) shutdown();
housekeeping = setInterval(() => {
  // idle, replaced, or every folder it watched is gone (the project was deleted)
  const gone = folders.size > 0 && [...folders.keys()].every((dir) => !fs.existsSync(dir));
  if (Date.now() - lastRequest > idleMs || !stillOurs() || gone) shutdown();
  try {
    // a heartbeat: a daemon.json older than STALE_AFTER_MS is a dead daemon's whose pid was reused
    const now = new Date();
    fs.utimesSync(layout.daemonFile, now, now);
    fs.utimesSync(layout.lockFile, now, now);
    sweep(layout.requests);
    sweep(layout.replies);
  } catch {
    shutdown(); // the state dir is going away
  }
}, Math.min(HEARTBEAT_MS, Math.max(500, idleMs / 2)));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('SIGHUP', () => {}); // detached from the terminal that started it

function answer(name: string): void {
  let req: WatchRequest;
  const file = path.join(layout.requests, name);
  try {
    req = JSON.parse(fs.readFileSync(file, 'utf8')) as WatchRequest;
    fs.rmSync(file, { force: true });
  } catch {
    return; // the client gave up and removed it, or the event was that removal
  }
  lastRequest = Date.now();
  const reply: WatchReply = { v: WATCH_PROTOCOL, id, watching: false, gen: 0 };
  if (typeof req.dir === 'string' && path.isAbsolute(req.dir)) {
    const f = folderFor(req.dir);
    reply.watching = f.watchable;
    reply.gen = f.gen;
  }
  try {
    writeAtomic(path.join(layout.replies, name), JSON.stringify(reply));
  } catch {
    // replies/ gone: the project is being deleted
  }
}

/** The folder's state, its watches synced first if anything happened since the last sync. */
function folderFor(real: string): Folder {
  let f = folders.get(real);
  if (f === undefined) {
    f = { real, gen: 0, syncedGen: -1, watchable: false, watchers: [] };
    folders.set(real, f);
  }
  // A refused folder has no watches to say when it changes (a symlink removed): look again.
  if (f.gen !== f.syncedGen || !f.watchable) sync(f);
  return f;
}

/**
 * Watch every directory below the folder afresh, then drop the old watches. Afresh because a
 * directory deleted and made again can get the same inode number, and the old watch is dead.
 * Each directory is watched before it is listed, so a subdirectory created meanwhile raises an
 * event (and so a new generation).
 */
function sync(f: Folder): void {
  const old = f.watchers;
  const watchers: fs.FSWatcher[] = [];
  let ok = isLocal(f.real);
  const stack = ok ? [f.real] : [];
  while (ok && stack.length > 0) {
    const dir = stack.pop() as string;
    try {
      const watcher = fs.watch(dir, { persistent: true }, () => {
        f.gen++;
      });
      watcher.on('error', () => {
        f.gen++;
        watcher.close();
      });
      watchers.push(watcher);
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isSymbolicLink()) ok = false;
        else if (e.isDirectory()) stack.push(path.join(dir, e.name));
      }
    } catch {
      ok = false; // gone, unreadable, or out of inotify watches (ENOSPC): runs walk it
    }
  }
  for (const w of old) w.close();
  if (!ok) for (const w of watchers) w.close();
  f.watchers = ok ? watchers : [];
  f.watchable = ok;
  // A new generation either way: a token from before this sync must never match again.
  f.gen++;
  f.syncedGen = f.gen;
}

function isLocal(dir: string): boolean {
  try {
    return LOCAL_FS_TYPES.has(fs.statfsSync(dir).type);
  } catch {
    return false;
  }
}

function takeLock(): boolean {
  // never re-create a project state dir that is being removed
  if (!fs.existsSync(layout.dir)) return false;
  fs.mkdirSync(layout.requests, { recursive: true });
  fs.mkdirSync(layout.replies, { recursive: true });
  // The lock appears with its pid already in it (a hard link to a finished temp file), so a
  // daemon starting at the same moment never reads it empty and takes it for stale.
  const mine = `${layout.lockFile}.${process.pid}${TEMP_SUFFIX}`;
  fs.writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(mine, layout.lockFile);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        const pid = Number(readOr(layout.lockFile, ''));
        const beat = fs.statSync(layout.lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
        if (processAlive(pid) && Date.now() - beat < STALE_AFTER_MS) return false; // a daemon is running
        fs.rmSync(layout.lockFile, { force: true }); // left by a daemon that died
      }
    }
    return false;
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

function stillOurs(): boolean {
  try {
    return (JSON.parse(fs.readFileSync(layout.daemonFile, 'utf8')) as DaemonInfo).id === id;
  } catch {
    return false;
  }
}

function shutdown(): void {
  if (housekeeping !== undefined) clearInterval(housekeeping);
  for (const f of folders.values()) for (const w of f.watchers) w.close();
  if (stillOurs()) {
    fs.rmSync(layout.daemonFile, { force: true });
    fs.rmSync(layout.lockFile, { force: true });
  }
  process.exit(0);
}

/** Requests and replies a client left behind (it timed out): removed after a minute. */
function sweep(dir: string): void {
  const old = Date.now() - 60_000;
  try {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if ((fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < old) fs.rmSync(p, { force: true });
    }
  } catch {
    // the state dir is going away; the next check shuts down
  }
}

/**
 * Not atomic.ts's writeFileAtomicSync on purpose: that one creates missing parent folders, and a
 * daemon answering while its project is being deleted must not bring `.pipe/watch/` back; its
 * temp names also end in TEMP_SUFFIX, which the request watcher skips. No fsync: nothing here
 * needs to survive a crash.
 */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}${TEMP_SUFFIX}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
