// A remote on a machine reached over SSH (DVC's `ssh` remote): `ssh://[user@]host[:port]/abs/path`
// holds the same layout as a directory remote at that path (`objects/<hh>/<rest>`,
// `runs/<hh>/<rest>/<id>`), so a folder filled over ssh can be used as a directory remote there
// (or over NFS), and the other way round. Files move over SFTP on one connection, several requests
// in flight; an upload goes to a temp name beside its target (`.tmp-…`, which listings skip, as
// the directory remote's) and is renamed into place once complete. ssh2 is loaded on first use,
// through ssh-adapter.ts; the connection is closed by `close()` when the command is done.
import path from 'node:path';
import crypto from 'node:crypto';
import { isTempName, isValidHash, type StoreFailure } from '../stores/index.js';
import { TEMP_PREFIX } from '../stores/atomic.js';
import type { SftpSession, SshProblem, SshTarget } from './ssh-adapter.js';
import { pool } from './pool.js';
import { EXPS_DIR, RemoteError, STALE_TEMP_MS, isExpRecordFile, type RemoteCheck, type RemoteObjectInfo, type Transport } from './transport.js';

export interface SshLocation extends SshTarget {
  /** The remote folder: absolute, no trailing `/`. */
  path: string;
  /** Whether the URL named the user (else it is $USER). */
  userFromUrl: boolean;
}

/** `ssh://[user@]host[:port]/abs/path` → its parts, or why it is not a usable remote URL. */
export function parseSshUrl(url: string, env: NodeJS.ProcessEnv = process.env): { ok: true; value: SshLocation } | { ok: false; reason: string; password?: true } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'it is not a valid URL' };
  }
  if (u.protocol !== 'ssh:') return { ok: false, reason: 'it is not an ssh:// URL' };
  if (u.password !== '') return { ok: false, reason: 'it carries a password', password: true };
  if (u.hostname === '') return { ok: false, reason: 'it names no host (write ssh://[user@]host[:port]/absolute/path)' };
  if (u.search !== '' || u.hash !== '') return { ok: false, reason: 'an ssh:// remote URL cannot have a query (?...) or fragment (#...)' };
  // (URL has already resolved `.` and `..` parts, encoded or not)
  const folder = decodeURIComponent(u.pathname).replace(/\/+$/, '');
  if (folder === '') return { ok: false, reason: 'it names no folder (write ssh://[user@]host[:port]/absolute/path; the path is absolute on the server)' };
  const user = u.username !== '' ? decodeURIComponent(u.username) : env.USER || env.LOGNAME || '';
  if (user === '') return { ok: false, reason: 'it names no user and $USER is not set (write ssh://user@host/...)' };
  // URL keeps IPv6 hosts in brackets; the socket and known_hosts want them bare
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { ok: true, value: { host, port: u.port === '' ? 22 : Number(u.port), user, path: folder, userFromUrl: u.username !== '' } };
}

export interface SshTransportOptions {
  /** Builds the failure for a problem met while transferring (config.ts names the remote and where it was set). */
  failure?: (check: Extract<RemoteCheck, { ok: false }>) => StoreFailure;
  /** Connect, log-in and silence timeout in ms: default 20 000, or $PIPE_SSH_TIMEOUT_MS. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** A named remote's `keyfile` (absolute) and `password_env` (ssh-adapter.ts's SshOptions). */
  keyFile?: string;
  passwordVar?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** Folders listed at once while listing objects and run entries (each listing is one request or a few). */
const LISTINGS_AT_ONCE = 16;

/** $PIPE_SSH_TIMEOUT_MS as a number of ms, or undefined (unset or not a positive number). */
export function sshTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env.PIPE_SSH_TIMEOUT_MS);
  return env.PIPE_SSH_TIMEOUT_MS && Number.isFinite(n) && n > 0 ? n : undefined;
}

export class SshTransport implements Transport {
  readonly description: string;
  private session: Promise<SftpSession> | undefined;
  /** As S3Transport's: the first failure no other request can escape ends the ones still queued at once. */
  private fatal: RemoteError | undefined;
  /** Shard folders made by this command (objects/<hh>, runs/<hh>/<rest>): each is made once. */
  private readonly made = new Map<string, Promise<void>>();
  /** Temp files of this process's uploads in flight (abortUploads). */
  private readonly uploading = new Set<string>();
  /** `.tmp-*` leftovers older than STALE_TEMP_MS that listObjects saw (removeStaleTemps). */
  private readonly staleTemps: string[] = [];

  constructor(
    readonly location: SshLocation,
    private readonly options: SshTransportOptions = {},
  ) {
    const port = location.port === 22 ? '' : `:${location.port}`;
    const user = location.userFromUrl ? `${location.user}@` : '';
    this.description = `ssh://${user}${location.host.includes(':') ? `[${location.host}]` : location.host}${port}${location.path}`;
  }

  /**
   * Connects and logs in, then looks at the folder. `read`: it must exist. `write`: a missing one
   * is made with its parents, as the directory remote's is.
   */
  async open(mode: 'read' | 'write'): Promise<RemoteCheck> {
    let s: SftpSession;
    try {
      s = await this.connect();
      const stat = await s.stat(this.location.path);
      if (stat !== undefined) return stat.isDirectory ? { ok: true } : { ok: false, reason: 'not-a-directory' };
      if (mode === 'read') return { ok: false, reason: 'missing' };
      return await this.makeFolders(s, this.location.path);
    } catch (err) {
      return checkOf(asProblem(err), this.location);
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session === undefined) return;
    try {
      (await session).close();
    } catch {
      // never connected: nothing to close
    }
  }

  async listObjects(): Promise<Map<string, RemoteObjectInfo>> {
    const out = new Map<string, RemoteObjectInfo>();
    await this.guard(async (s) => {
      const shards = (await s.list(this.at('objects'))) ?? [];
      await pool(shards.filter((d) => d.isDirectory && /^[0-9a-f]{2}$/.test(d.name)), LISTINGS_AT_ONCE, async (shard) => {
        for (const e of (await s.list(this.at('objects', shard.name))) ?? []) {
          const hash = shard.name + e.name;
          if (isTempName(e.name)) {
            // a dead push's leftover (STALE_TEMP_MS says why age alone is safe), for removeStaleTemps
            if (e.isFile && e.mtimeMs !== undefined && Date.now() - e.mtimeMs > STALE_TEMP_MS) this.staleTemps.push(this.at('objects', shard.name, e.name));
            continue;
          }
          if (!e.isFile || !isValidHash(hash)) continue;
          out.set(hash, { size: e.size });
        }
      });
    });
    return out;
  }

  async hasObject(hash: string): Promise<boolean> {
    return this.guard(async (s) => (await s.stat(this.objectPath(hash)))?.isFile === true);
  }

  async getObject(hash: string, destAbs: string): Promise<boolean> {
    return this.guard((s) => s.get(this.objectPath(hash), destAbs));
  }

  async putObject(hash: string, srcAbs: string): Promise<void> {
    await this.guard(async (s) => {
      const dest = this.objectPath(hash);
      await this.folder(s, path.posix.dirname(dest));
      await this.replace(s, dest, (tmp) => s.put(srcAbs, tmp));
    });
  }

  async listRuns(): Promise<{ key: string; id: string }[]> {
    const out: { key: string; id: string }[] = [];
    await this.guard(async (s) => {
      const shards = ((await s.list(this.at('runs'))) ?? []).filter((d) => d.isDirectory && /^[0-9a-f]{2}$/.test(d.name));
      const keys: { shard: string; rest: string }[] = [];
      await pool(shards, LISTINGS_AT_ONCE, async (shard) => {
        for (const d of (await s.list(this.at('runs', shard.name))) ?? []) {
          if (d.isDirectory && !isTempName(d.name) && /^[0-9a-f]{64}$/.test(shard.name + d.name)) keys.push({ shard: shard.name, rest: d.name });
        }
      });
      await pool(keys, LISTINGS_AT_ONCE, async ({ shard, rest }) => {
        for (const e of (await s.list(this.at('runs', shard, rest))) ?? []) {
          if (e.isFile && !isTempName(e.name)) out.push({ key: shard + rest, id: e.name });
        }
      });
    });
    return out.sort((a, b) => a.key.localeCompare(b.key) || a.id.localeCompare(b.id));
  }

  async getRun(key: string, id: string): Promise<string | undefined> {
    return this.guard((s) => s.readText(this.runPath(key, id)));
  }

  async putRun(key: string, id: string, text: string): Promise<void> {
    await this.guard(async (s) => {
      const dest = this.runPath(key, id);
      await this.folder(s, path.posix.dirname(dest));
      await this.replace(s, dest, (tmp) => s.writeText(tmp, text));
    });
  }

  async listExpRecords(): Promise<string[]> {
    return this.guard(async (s) => ((await s.list(this.at(EXPS_DIR))) ?? []).filter((e) => e.isFile && isExpRecordFile(e.name)).map((e) => e.name).sort());
  }

  async getExpRecord(file: string): Promise<string | undefined> {
    return this.guard((s) => s.readText(this.at(EXPS_DIR, file)));
  }

  async removeExpRecords(files: string[]): Promise<void> {
    await this.guard((s) => pool(files, LISTINGS_AT_ONCE, (f) => s.remove(this.at(EXPS_DIR, f))));
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    await this.guard(async (s) => {
      const dest = this.at(EXPS_DIR, file);
      await this.folder(s, path.posix.dirname(dest));
      await this.replace(s, dest, (tmp) => s.writeText(tmp, text));
    });
  }

  private connect(): Promise<SftpSession> {
    this.session ??= import('./ssh-adapter.js').then((a) =>
      a.connectSftp(this.location, {
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(this.options.env ? { env: this.options.env } : {}),
        ...(this.options.keyFile !== undefined ? { keyFile: this.options.keyFile } : {}),
        ...(this.options.passwordVar !== undefined ? { passwordVar: this.options.passwordVar } : {}),
      }),
    );
    return this.session;
  }

  /** Writes through a temp name beside `dest` (`write` fills it), then renames it into place. */
  private async replace(s: SftpSession, dest: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const tmp = path.posix.join(path.posix.dirname(dest), `${TEMP_PREFIX}${path.posix.basename(dest)}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    this.uploading.add(tmp);
    try {
      await write(tmp);
      await s.rename(tmp, dest);
    } catch (err) {
      await s.remove(tmp).catch(() => {});
      throw err;
    } finally {
      this.uploading.delete(tmp);
    }
  }

  async abortUploads(): Promise<void> {
    const tmps = [...this.uploading];
    if (tmps.length === 0) return;
    await this.guard(async (s) => {
      await Promise.all(tmps.map((t) => s.remove(t).catch(() => {})));
    }).catch(() => {});
  }

  async removeStaleTemps(): Promise<number> {
    const stale = this.staleTemps.splice(0);
    let removed = 0;
    await this.guard(async (s) => {
      await pool(stale, LISTINGS_AT_ONCE, async (t) => {
        try {
          await s.remove(t);
          removed++;
        } catch {
          // gone already (another push swept it), or not ours to remove: the next push tries again
        }
      });
    });
    return removed;
  }

  staleTempCount(): number {
    return this.staleTemps.length;
  }

  async removeObjects(hashes: string[]): Promise<void> {
    // a file already gone is no error (SftpSession.remove)
    await this.guard((s) => pool(hashes, LISTINGS_AT_ONCE, (h) => s.remove(this.objectPath(h))));
  }

  async removeRuns(entries: { key: string; id: string }[]): Promise<void> {
    // the keys' folders stay, empty: listings skip them, and the next push may fill them again
    await this.guard((s) => pool(entries, LISTINGS_AT_ONCE, (e) => s.remove(this.runPath(e.key, e.id))));
  }

  /** Makes a folder under the remote's (and those between it and the remote's), once per command. */
  private folder(s: SftpSession, dir: string): Promise<void> {
    let made = this.made.get(dir);
    if (made === undefined) {
      made = s.mkdir(dir).then(
        () => undefined,
        async (err: unknown) => {
          // its parent is missing (objects/ or runs/<hh> on a new remote): make that first
          if (dir === this.location.path || !isProblem(err, 'missing')) throw err;
          await this.folder(s, path.posix.dirname(dir));
          await s.mkdir(dir);
        },
      );
      this.made.set(dir, made);
      made.catch(() => this.made.delete(dir));
    }
    return made;
  }

  /** `mkdir -p`: each missing folder from the top one down; a file in the way is named. */
  private async makeFolders(s: SftpSession, dir: string): Promise<RemoteCheck> {
    const missing: string[] = [];
    let up = dir;
    for (;;) {
      const stat = await s.stat(up);
      if (stat !== undefined) {
        if (!stat.isDirectory) return up === dir ? { ok: false, reason: 'not-a-directory' } : { ok: false, reason: 'under-a-file', detail: up };
        break;
      }
      missing.unshift(up);
      const parent = path.posix.dirname(up);
      if (parent === up) break;
      up = parent;
    }
    for (const d of missing) {
      if (!(await s.mkdir(d))) {
        const stat = await s.stat(d); // made meanwhile by another push, or a file appeared there
        if (!stat?.isDirectory) return { ok: false, reason: 'not-a-directory' };
      }
    }
    return { ok: true };
  }

  /** Runs an SFTP operation; a failure the user can act on becomes a RemoteError (no stack). */
  private async guard<T>(op: (s: SftpSession) => Promise<T>): Promise<T> {
    if (this.fatal) throw this.fatal;
    try {
      return await op(await this.connect());
    } catch (err) {
      const problem = asProblem(err);
      const check = checkOf(problem, this.location);
      const failure = this.options.failure?.(check) ?? { code: 'remote-unreachable', message: `remote ${this.description}: ${problem.detail}` };
      const error = new RemoteError(failure);
      if (problem.kind !== 'missing' && problem.kind !== 'other') this.fatal ??= error;
      throw error;
    }
  }

  private at(...parts: string[]): string {
    return path.posix.join(this.location.path, ...parts);
  }

  private objectPath(hash: string): string {
    return this.at('objects', hash.slice(0, 2), hash.slice(2));
  }

  private runPath(key: string, id: string): string {
    return this.at('runs', key.slice(0, 2), key.slice(2), id);
  }
}

function asProblem(err: unknown): SshProblem {
  if (err instanceof Error && err.name === 'SshProblem') return err as SshProblem;
  throw err; // not a remote's failure: a bug, keep the stack
}

function isProblem(err: unknown, kind: SshProblem['kind']): boolean {
  return err instanceof Error && err.name === 'SshProblem' && (err as SshProblem).kind === kind;
}

/** How open() and transfers report a problem; what to do about it goes in the hint. */
function checkOf(p: SshProblem, l: SshLocation): Extract<RemoteCheck, { ok: false }> {
  const hint = p.kind === 'denied' ? `check that ${l.user} may read and write ${l.path} on ${l.host} (a push also makes folders there)` : p.hint;
  return { ok: false, reason: 'inaccessible', detail: p.detail, ...(hint === undefined ? {} : { hint }) };
}
