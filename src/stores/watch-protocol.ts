// What the folder watcher (watch-daemon.ts) and its client (watch-client.ts) share.
//
// Why a watcher: a warm no-op `pipe status` on a 36k-file data folder is mostly one `stat` per
// file. A long-lived process holding inotify watches on every directory of that folder knows
// whether anything in it changed since a given moment, so a run can skip the walk entirely.
//
// The exchange is through files in `.pipe/watch/`, because the hasher is synchronous:
//   - the client renames a request file into `req/` (its name is unique);
//   - the daemon, which watches `req/` with the same inotify instance as the data folders, sees
//     it only after every event queued before it: inotify delivers one instance's events in
//     order, and the changes a run must notice happened before that run wrote its request;
//   - the daemon answers in `rep/<same name>` with a token, `<daemon id>:<generation>`, where the
//     generation of a folder grows on every event under it.
// A run that walked the folder after receiving token T stores T with the folder's hash; a later
// run that receives T again knows that nothing below the folder changed since that walk began.
import fs from 'node:fs';
import path from 'node:path';

export const WATCH_DIR = 'watch';
export const WATCH_PROTOCOL = 1;

export interface WatchLayout {
  dir: string;
  /** {pid, id, v} of the running daemon, written once it holds `lock` */
  daemonFile: string;
  /** created exclusively by the daemon: one per project */
  lockFile: string;
  requests: string;
  replies: string;
  /** created by the run that starts a daemon, removed by the daemon: one start at a time */
  startingFile: string;
}

export function watchLayout(stateDir: string): WatchLayout {
  const dir = path.join(stateDir, WATCH_DIR);
  return {
    dir,
    daemonFile: path.join(dir, 'daemon.json'),
    lockFile: path.join(dir, 'lock'),
    requests: path.join(dir, 'req'),
    replies: path.join(dir, 'rep'),
    startingFile: path.join(dir, 'starting'),
  };
}

export interface DaemonInfo {
  v: number;
  pid: number;
  id: string;
}

export interface WatchRequest {
  /** real path of the folder */
  dir: string;
}

export interface WatchReply {
  v: number;
  id: string;
  /** false: the folder cannot be watched safely (a symlink inside, a network file system...) */
  watching: boolean;
  gen: number;
}

/** Request and reply files are written under a name ending in this, then renamed. */
export const TEMP_SUFFIX = '.tmp';

/**
 * PIPE_WATCH (Linux only): `0` never uses a watcher; `1` watches every folder dep, whatever its size (tests);
 * unset: folders that had WATCH_MIN_FILES files or more last time, except where the CI variable
 * is set (a CI job's machine is thrown away: a daemon there only costs).
 */
export function watchSetting(env: NodeJS.ProcessEnv = process.env): 'off' | 'on' | 'auto' {
  const v = env.PIPE_WATCH;
  if (v === '0') return 'off';
  if (v === '1') return 'on';
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' ? 'off' : 'auto';
}

/** Same threshold as the shared walk: below it the walk is shorter than a daemon is worth. */
export const WATCH_MIN_FILES = 10_000;

/** The daemon exits after this long without a request (PIPE_WATCH_IDLE_S overrides it). */
export const DEFAULT_IDLE_S = 3600;

/**
 * The daemon touches daemon.json and its lock this often; one not touched for STALE_AFTER_MS
 * belongs to a daemon that died (its pid may have been reused by another process).
 */
export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 4 * HEARTBEAT_MS;

/**
 * Local file systems (statfs f_type), where every change goes through this kernel and so reaches
 * inotify. A folder elsewhere (NFS, SMB, FUSE...) is never trusted to a watcher.
 */
export const LOCAL_FS_TYPES: ReadonlySet<number> = new Set([
  0xef53, // ext2/3/4
  0x58465342, // xfs
  0x9123683e, // btrfs
  0x01021994, // tmpfs
  0x794c7630, // overlayfs
  0x2fc12fc1, // zfs
  0xf2f52010, // f2fs
  0x3153464a, // jfs
  0x52654973, // reiserfs
]);

/**
 * Whether a process is running. A zombie is not: where nothing reaps orphans (a container whose
 * init does not), a killed daemon stays a zombie, which `kill(pid, 0)` still reports as there.
 */
export function processAlive(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return process.platform !== 'linux'; // no /proc to ask: trust kill(0)
  }
}
