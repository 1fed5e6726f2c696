// The run's side of the folder watcher (watch-protocol.ts has the exchange, watch-daemon.ts the
// daemon). Synchronous, like the hasher that calls it: a request is a file renamed into `req/`,
// the reply is polled for with short sleeps. A missing, dead or slow daemon costs a walk, never a
// wrong answer: every doubt is answered with `undefined` (walk the folder).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  STALE_AFTER_MS,
  TEMP_SUFFIX,
  WATCH_MIN_FILES,
  WATCH_PROTOCOL,
  watchLayout,
  processAlive,
  watchSetting,
  type DaemonInfo,
  type WatchLayout,
  type WatchReply,
} from './watch-protocol.js';

/**
 * How long a run waits for the daemon's reply before walking the folder itself (it answers in
 * about a millisecond; PIPE_WATCH_TIMEOUT_MS overrides this, as the tests do on a loaded machine).
 */
const REPLY_TIMEOUT_MS = 200;

/** What the hasher asks of a folder watcher (an interface, so tests can stand in for one). */
export interface FolderWatch {
  /** a daemon is running for this project */
  running(): boolean;
  /**
   * A token that stays the same for as long as nothing below `real` (a folder's real path)
   * changes, or undefined (walk the folder). `lastFiles`: how many files it had when last hashed.
   */
  token(real: string, lastFiles: number): string | undefined;
}

export class WatchClient implements FolderWatch {
  private readonly layout: WatchLayout;
  private daemon: DaemonInfo | null | undefined;
  private started = false;
  private seq = 0;

  private constructor(
    stateDir: string,
    private readonly setting: 'on' | 'auto',
    private readonly daemonScript: string,
    private readonly replyTimeoutMs: number,
  ) {
    this.layout = watchLayout(stateDir);
  }

  /**
   * The client for a project's state dir, or undefined where no watcher is used: PIPE_WATCH=0,
   * the CI variable set, or no compiled daemon next to this module (running from the TypeScript
   * sources, as unit tests do).
   */
  static forStateDir(
    stateDir: string,
    options: { setting?: 'off' | 'on' | 'auto'; daemonScript?: string; replyTimeoutMs?: number } = {},
  ): WatchClient | undefined {
    const setting = options.setting ?? watchSetting();
    // the exchange relies on inotify's ordering (watch-protocol.ts): Linux only
    if (setting === 'off' || process.platform !== 'linux') return undefined;
    let script = options.daemonScript;
    if (script === undefined) {
      const url = new URL('./watch-daemon.js', import.meta.url);
      if (url.protocol !== 'file:') return undefined;
      script = fileURLToPath(url);
    }
    if (!fs.existsSync(script)) return undefined;
    const timeout = options.replyTimeoutMs ?? (Number(process.env.PIPE_WATCH_TIMEOUT_MS) || REPLY_TIMEOUT_MS);
    return new WatchClient(stateDir, setting, script, timeout);
  }

  running(): boolean {
    return this.liveDaemon() !== undefined;
  }

  /** See FolderWatch; a folder below WATCH_MIN_FILES is not worth a daemon. Starts the daemon. */
  token(real: string, lastFiles: number): string | undefined {
    if (this.setting === 'auto' && lastFiles < WATCH_MIN_FILES) return undefined;
    const daemon = this.liveDaemon();
    if (daemon === undefined) {
      this.start(real);
      return undefined;
    }
    const reply = this.ask(real);
    if (reply === undefined || reply.v !== WATCH_PROTOCOL || reply.id !== daemon.id || !reply.watching) return undefined;
    return `${reply.id}:${reply.gen}`;
  }

  private liveDaemon(): DaemonInfo | undefined {
    if (this.daemon === undefined) {
      this.daemon = null;
      try {
        const beat = fs.statSync(this.layout.daemonFile).mtimeMs;
        const info = JSON.parse(fs.readFileSync(this.layout.daemonFile, 'utf8')) as DaemonInfo;
        const fresh = Date.now() - beat < STALE_AFTER_MS;
        if (info.v === WATCH_PROTOCOL && typeof info.id === 'string' && fresh && processAlive(info.pid)) this.daemon = info;
      } catch {
        // none, or being written: walk this time
      }
    }
    return this.daemon ?? undefined;
  }

  private ask(real: string): WatchReply | undefined {
    const name = `${process.pid}-${++this.seq}-${crypto.randomBytes(4).toString('hex')}`;
    const request = path.join(this.layout.requests, name);
    const reply = path.join(this.layout.replies, name);
    try {
      fs.writeFileSync(request + TEMP_SUFFIX, JSON.stringify({ dir: real }));
      fs.renameSync(request + TEMP_SUFFIX, request);
    } catch {
      return undefined;
    }
    const deadline = performance.now() + this.replyTimeoutMs;
    let pause = 0.05;
    for (;;) {
      const text = readIfThere(reply);
      if (text !== undefined) {
        fs.rmSync(reply, { force: true });
        try {
          return JSON.parse(text) as WatchReply;
        } catch {
          return undefined;
        }
      }
      if (performance.now() > deadline) {
        fs.rmSync(request, { force: true });
        return undefined;
      }
      sleep(pause);
      pause = Math.min(pause * 2, 2);
    }
  }

  /**
   * Starts the daemon, detached, once per process, and not while another run's start is under
   * way (the `starting` file, younger than STALE_AFTER_MS); its lock keeps it one per project.
   */
  private start(real: string): void {
    if (this.started) return;
    this.started = true;
    try {
      fs.mkdirSync(this.layout.dir, { recursive: true });
      try {
        fs.writeFileSync(this.layout.startingFile, String(process.pid), { flag: 'wx' });
      } catch {
        const since = fs.statSync(this.layout.startingFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
        if (Date.now() - since < STALE_AFTER_MS) return; // another run is starting one
        fs.writeFileSync(this.layout.startingFile, String(process.pid));
      }
      const child = spawn(process.execPath, [this.daemonScript, path.dirname(this.layout.dir), real], {
        detached: true,
        stdio: 'ignore',
        cwd: path.parse(real).root, // holds no project directory open
      });
      child.on('error', () => {}); // cannot start: runs keep walking
      child.unref();
    } catch {
      // same
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function readIfThere(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

