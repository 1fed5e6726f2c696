// A remote served over HTTP(S) (DVC's `http` remote): `https://host[:port]/prefix` holds the same
// layout as a directory remote under the prefix (`objects/<hh>/<rest>`, `runs/<hh>/<rest>/<id>`),
// so a directory remote served by any web server is one, plus `run-index/<hh>/<rest>.json`, the
// ids of each run-cache key's entries (run-index.ts), which a push writes and a pull reads, and
// `exps/<id>.json` experiment records, named by `exps/_index.json` (src/experiments/exp-index.ts).
// GET fetches, HEAD checks, PUT uploads
// (a WebDAV server, or anything else that stores a PUT body under its path; a static file server
// is read-only: pulls work, a push is refused with what to do). HTTP has no listing, so this
// transport lists nothing: sync.ts's `prepare` asks about each object the command needs instead
// (unlisted.ts), and finds run-cache entries through their key's index. Only Node's own fetch is used.
//
// Credentials never come from pipe.config.yaml (it is committed; config.ts refuses a URL there
// that carries them): HTTP basic auth from $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD or a URL given
// with --remote / $PIPE_REMOTE (`https://user:password@host/...`), or a bearer token from
// $PIPE_HTTP_TOKEN. A named remote's options (remote-options.ts) may set the user and name other
// variables to read the password or token from; the secrets themselves stay out of the file.
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { StoreFailure } from '../stores/index.js';
import { certificateHint, fetchToFile, HttpProblem, localErrors, requestWithRetries, SET_HTTP_CREDENTIALS, statusWords, TIMEOUT_HINT, type HttpUpload, type RequestOptions } from './http-request.js';
import { EXPS_DIR, RemoteError, type RemoteCheck, type RemoteObjectInfo, type UnlistedTransport } from './transport.js';

export interface HttpLocation {
  /** `https://host:port/prefix`: no userinfo, query or trailing slash. */
  base: string;
  /** A user and password written in the URL (`https://user:pw@host/...`), decoded. */
  userinfo?: { user: string; password: string };
}

/** `https://host/some/prefix` → its parts, or why it is not a usable remote URL. */
export function parseHttpUrl(url: string): { ok: true; value: HttpLocation } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'it is not a valid URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'it is not an http:// or https:// URL' };
  if (u.hostname === '') return { ok: false, reason: 'it names no host (write http(s)://<host>[:<port>]/<prefix>)' };
  // the objects' keys are appended to the path: a query or fragment would end up in front of them
  if (u.search !== '' || u.hash !== '') return { ok: false, reason: 'a remote URL cannot have a query (?...) or fragment (#...): objects are fetched at <URL>/objects/...' };
  const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  const value: HttpLocation = { base };
  if (u.username !== '' || u.password !== '') value.userinfo = { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  return { ok: true, value };
}

/** The URL as written with any `user:password@` left out, for messages. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^(https?:\/\/)[^/?#]*@/i, '$1');
}

export { HttpProblem, type HttpProblemKind } from './http-request.js';

export type HttpAuth =
  | { kind: 'none' }
  | { kind: 'basic'; user: string; password: string; from: 'url' | 'env'; said?: string }
  | { kind: 'bearer'; token: string; said?: string };

/**
 * A named remote's own credential settings (remote-options.ts), each standing in for one variable:
 * `user` for $PIPE_HTTP_USER, and the names of the variables read instead of $PIPE_HTTP_PASSWORD
 * and $PIPE_HTTP_TOKEN.
 */
export interface HttpCredentialOptions {
  user?: string;
  passwordVar?: string;
  tokenVar?: string;
}

/**
 * How requests authenticate: the URL's userinfo, else a token or a user and password, from the
 * remote's own options where it has them, else $PIPE_HTTP_TOKEN or $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD.
 */
export function httpAuth(location: HttpLocation, env: NodeJS.ProcessEnv = process.env, own: HttpCredentialOptions = {}): { ok: true; value: HttpAuth } | { ok: false; reason: string } {
  if (location.userinfo) return { ok: true, value: { kind: 'basic', ...location.userinfo, from: 'url' } };
  const passwordVar = own.passwordVar ?? 'PIPE_HTTP_PASSWORD';
  const tokenVar = own.tokenVar ?? 'PIPE_HTTP_TOKEN';
  const userSaid = own.user !== undefined ? "the remote's user option" : '$PIPE_HTTP_USER';
  const user = own.user ?? (env.PIPE_HTTP_USER || undefined);
  const password = env[passwordVar] || undefined;
  const token = env[tokenVar] || undefined;
  // both kinds at once is a slip (a token left set from another server): say so rather than pick one
  if (token !== undefined && (user !== undefined || password !== undefined)) {
    return { ok: false, reason: `$${tokenVar} and ${userSaid} / $${passwordVar} are both set: unset the one this server does not use` };
  }
  // where they came from, for a hint, where that is not the usual variables
  const custom = own.user !== undefined || own.passwordVar !== undefined || own.tokenVar !== undefined;
  if (token !== undefined) return { ok: true, value: { kind: 'bearer', token, ...(custom ? { said: `$${tokenVar}` } : {}) } };
  if (password !== undefined && user === undefined) return { ok: false, reason: `$${passwordVar} is set but $PIPE_HTTP_USER is not` };
  // an empty password sent instead would come back as "the server refused the credentials"
  if (user !== undefined && password === undefined) return { ok: false, reason: `${userSaid} is set but $${passwordVar} is not` };
  if (user !== undefined && password !== undefined) return { ok: true, value: { kind: 'basic', user, password, from: 'env', ...(custom ? { said: `${userSaid} and $${passwordVar}` } : {}) } };
  return { ok: true, value: { kind: 'none' } };
}

export interface HttpTransportOptions {
  /** Builds the failure for a problem met while transferring (config.ts names the remote and where it was set). */
  failure?: (check: Extract<RemoteCheck, { ok: false }>) => StoreFailure;
  /**
   * How long one request may stay silent (no connection, no answer, no body bytes moving) before
   * it counts as failed, in ms: default 20 000 (S3's socket timeout), or $PIPE_HTTP_TIMEOUT_MS.
   */
  timeoutMs?: number;
  /** Tries per request for a network failure, a timeout or a 5xx/429 answer (default 3). */
  attempts?: number;
  /** The option `timeoutMs` came from (`timeout_ms`), for the hint after a timeout; undefined: $PIPE_HTTP_TIMEOUT_MS or the default. */
  timeoutSaid?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_ATTEMPTS = 3;

/** $PIPE_HTTP_TIMEOUT_MS as a number of ms, or undefined (unset or not a positive number). */
export function timeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env.PIPE_HTTP_TIMEOUT_MS);
  return env.PIPE_HTTP_TIMEOUT_MS && Number.isFinite(n) && n > 0 ? n : undefined;
}

type Method = 'GET' | 'HEAD' | 'PUT' | 'MKCOL';

export class HttpTransport implements UnlistedTransport {
  readonly description: string;
  readonly unlisted = true as const;
  /** The prefix answered 404 when opened: with nothing found under it, a pull's remote does not exist. */
  prefixMissing = false;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly authorization: string | undefined;
  /** As S3Transport's: the first failure no other request can escape ends the ones still queued at once. */
  private fatal: RemoteError | undefined;

  constructor(
    readonly location: HttpLocation,
    readonly auth: HttpAuth,
    private readonly options: HttpTransportOptions = {},
  ) {
    this.description = location.base;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    this.authorization = auth.kind === 'basic' ? `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`
      : auth.kind === 'bearer' ? `Bearer ${auth.token}` : undefined;
  }

  /**
   * One HEAD of the prefix: the server answers and takes these credentials. Any other answer is
   * fine here (a WebDAV folder may answer 403 or 405 to a HEAD; a gateway with no folders, 404),
   * since objects are asked for one by one; a 404 is remembered (`prefixMissing`).
   */
  async open(_mode: 'read' | 'write'): Promise<RemoteCheck> {
    try {
      const status = await this.request('HEAD', '/', async (res) => res.status);
      if (status === 401 || status === 407) throw this.statusProblem(status, 'HEAD', '/');
      if (status >= 500) throw this.statusProblem(status, 'HEAD', '/');
      this.prefixMissing = status === 404;
      return { ok: true };
    } catch (err) {
      return this.checkOf(asProblem(err));
    }
  }

  async statObject(hash: string): Promise<RemoteObjectInfo | undefined> {
    return this.head(objectKey(hash));
  }

  async hasObject(hash: string): Promise<boolean> {
    return (await this.statObject(hash)) !== undefined;
  }

  async getObject(hash: string, destAbs: string): Promise<boolean> {
    const rel = objectKey(hash);
    return this.guard(async () => {
      // streamed to disk (http-request.ts); the caller re-hashes and renames
      const { status } = await fetchToFile(this.url(rel), destAbs, this.requestOptions('GET', rel));
      if (status === 404 || status === 410) return false;
      if (status !== 200) throw this.statusProblem(status, 'GET', rel);
      return true;
    });
  }

  async putObject(hash: string, srcAbs: string): Promise<void> {
    const size = (await fs.promises.stat(srcAbs)).size;
    await this.put(objectKey(hash), size, async (touch) => {
      // read as the server takes it: never whole in memory, and each chunk taken resets the
      // silence timer, so a slow link sending a large object is not taken for a dead server
      const moving = new Transform({ transform: (chunk, _enc, done) => (touch(), done(null, chunk)) });
      // .pipe() does not pass on a read error: without this the request would wait for its timeout
      const file = fs.createReadStream(srcAbs).on('error', (err) => {
        localErrors.add(err);
        moving.destroy(err);
      });
      return Readable.toWeb(file.pipe(moving)) as ReadableStream<Uint8Array>;
    });
  }

  async listObjects(): Promise<Map<string, RemoteObjectInfo>> {
    throw new Error('an http(s) remote cannot be listed: sync.ts prepare() builds its listing (unlisted.ts)');
  }

  async listRuns(): Promise<{ key: string; id: string }[]> {
    throw new Error('an http(s) remote cannot be listed: sync.ts prepare() builds its listing (unlisted.ts)');
  }

  async hasRun(key: string, id: string): Promise<boolean> {
    return (await this.head(runKey(key, id))) !== undefined;
  }

  async getRun(key: string, id: string): Promise<string | undefined> {
    return this.getText(runKey(key, id));
  }

  async putRun(key: string, id: string, text: string): Promise<void> {
    const body = Buffer.from(text);
    await this.put(runKey(key, id), body.length, async () => body);
  }

  async getRunIndex(key: string): Promise<string | undefined> {
    return this.getText(runIndexKey(key));
  }

  async putRunIndex(key: string, text: string): Promise<void> {
    const body = Buffer.from(text);
    await this.put(runIndexKey(key), body.length, async () => body);
  }

  /** An experiment record (or the records' index, exp-index.ts: HTTP cannot list `exps/`). */
  async getExpRecord(file: string): Promise<string | undefined> {
    return this.getText(`${EXPS_DIR}/${file}`);
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    const body = Buffer.from(text);
    await this.put(`${EXPS_DIR}/${file}`, body.length, async () => body);
  }

  /** A small file's text, or undefined where the server has none (404, 410). */
  private async getText(rel: string): Promise<string | undefined> {
    return this.guard(() =>
      this.request('GET', rel, async (res) => {
        if (res.status === 404 || res.status === 410) return undefined;
        if (res.status !== 200) throw this.statusProblem(res.status, 'GET', rel);
        return res.text();
      }),
    );
  }

  private async head(rel: string): Promise<RemoteObjectInfo | undefined> {
    return this.guard(() =>
      this.request('HEAD', rel, async (res) => {
        if (res.status === 404 || res.status === 410) return undefined;
        if (res.status !== 200) throw this.statusProblem(res.status, 'HEAD', rel);
        // no length said (a chunked answer): there, its size unknown; not taken for damaged, so
        // neither `status -c` nor a plain push says or resends it (a pull checks what it fetches)
        const length = res.headers.get('content-length');
        return length !== null && /^\d+$/.test(length.trim()) ? { size: Number(length) } : {};
      }),
    );
  }

  /**
   * PUTs a body; a WebDAV server that answers 409 (Apache mod_dav: the folder above is missing)
   * gets the missing folders made with MKCOL, then the PUT once more.
   */
  private async put(rel: string, size: number, body: (touch: () => void) => Promise<Uint8Array | ReadableStream<Uint8Array>>): Promise<void> {
    const once = (): Promise<number> => this.request('PUT', rel, async (res) => res.status, { size, body });
    await this.guard(async () => {
      let status = await once();
      if (status === 409) {
        await this.makeFolders(path.posix.dirname(rel));
        status = await once();
      }
      if (status < 200 || status > 299) throw this.statusProblem(status, 'PUT', rel);
    });
  }

  /** MKCOL `rel` (relative to the prefix, or above it with `..`), its parents first where the server says they are missing. */
  private async makeFolders(rel: string): Promise<void> {
    const target = new URL(`${this.location.base}/${rel}/`).pathname;
    const status = await this.request('MKCOL', rel === '.' ? '/' : `${rel}/`, async (res) => res.status);
    // 405: it exists already
    if ((status >= 200 && status <= 299) || status === 405) return;
    if (status === 409 && target !== '/') {
      await this.makeFolders(rel === '.' ? '..' : path.posix.join(rel, '..'));
      const again = await this.request('MKCOL', `${rel}/`, async (res) => res.status);
      if ((again >= 200 && again <= 299) || again === 405) return;
      throw this.statusProblem(again, 'MKCOL', `${rel}/`);
    }
    throw this.statusProblem(status, 'MKCOL', `${rel}/`);
  }

  /** One request through `requestWithRetries` (http-request.ts): retries, the silence timeout, this remote's credentials. */
  private async request<T>(
    method: Method,
    rel: string,
    handle: (res: Response, touch: () => void) => Promise<T>,
    upload?: HttpUpload,
  ): Promise<T> {
    const options = this.requestOptions(method, rel);
    if (upload !== undefined) options.upload = upload;
    return requestWithRetries(this.url(rel), method, handle, options);
  }

  private requestOptions(method: Method, rel: string): RequestOptions {
    const options: RequestOptions = {
      timeoutMs: this.timeoutMs,
      attempts: this.attempts,
      shown: `${method} ${this.shown(rel)}`,
      statusProblem: (status) => this.statusProblem(status, method, rel),
    };
    if (this.authorization !== undefined) options.authorization = this.authorization;
    return options;
  }

  /** Runs requests; a failure the user can act on becomes a RemoteError (no stack). */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    if (this.fatal) throw this.fatal;
    try {
      return await op();
    } catch (err) {
      const problem = asProblem(err);
      const check = this.checkOf(problem);
      const failure = this.options.failure?.(check) ?? { code: 'remote-unreachable', message: `remote ${this.description}: ${problem.detail}` };
      const error = new RemoteError(failure);
      if (problem.kind !== 'other') this.fatal ??= error;
      throw error;
    }
  }

  private statusProblem(status: number, method: Method, rel: string): HttpProblem {
    const what = statusWords(status);
    const where = `${method} ${this.shown(rel)}`;
    if (status === 401 || status === 407) {
      return new HttpProblem('unauthorized', this.auth.kind === 'none' ? `the server asks for credentials (${what})` : `the server refused the credentials (${what})`);
    }
    if (status === 403) return new HttpProblem('denied', `access denied (${what} for ${where})`);
    if (method === 'PUT' && (status === 405 || status === 501)) return new HttpProblem('put-refused', `the server refused PUT (${what} for ${this.shown(rel)})`);
    if (method === 'PUT' && status >= 300 && status <= 399) return new HttpProblem('other', `the server redirected PUT ${this.shown(rel)} (${what}); pipe does not follow redirects with uploads: name the URL it redirects to as the remote`);
    if (status >= 500 || status === 429) return new HttpProblem('server', `the server failed (${what} for ${where}, tried ${this.attempts} times)`);
    return new HttpProblem('other', `unexpected answer ${what} for ${where}`);
  }

  /** How open() and every failed transfer report a problem; what to do about it goes in the hint. */
  private checkOf(p: HttpProblem): Extract<RemoteCheck, { ok: false }> {
    const vars = this.auth.kind !== 'none' && this.auth.said !== undefined ? this.auth.said
      : this.auth.kind === 'bearer' ? '$PIPE_HTTP_TOKEN'
      : this.auth.kind === 'basic' && this.auth.from === 'url' ? 'the user and password in the URL'
      : this.auth.kind === 'basic' ? '$PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD' : undefined;
    switch (p.kind) {
      case 'unauthorized':
        return {
          ok: false, reason: 'inaccessible', detail: p.detail,
          hint: vars === undefined
            ? SET_HTTP_CREDENTIALS
            : `check ${vars}`,
        };
      case 'denied':
        return {
          ok: false, reason: 'inaccessible', detail: p.detail,
          hint: vars === undefined
            ? `the server may need credentials: ${SET_HTTP_CREDENTIALS}`
            : `check that ${vars} may read and write ${this.description}`,
        };
      case 'put-refused':
        return {
          ok: false, reason: 'inaccessible', detail: p.detail,
          hint: '`pipe push` needs a server that stores what is sent with PUT (WebDAV: nginx\'s dav module, Apache mod_dav, `rclone serve webdav`); a plain static file server is read-only: pull from it, and push to the folder it serves (a directory remote)',
        };
      case 'unreachable':
        return { ok: false, reason: 'inaccessible', detail: p.detail, hint: 'check the network and the remote\'s URL' };
      case 'certificate':
        return {
          ok: false, reason: 'inaccessible', detail: p.detail,
          hint: certificateHint('the remote\'s'),
        };
      case 'timeout':
        return { ok: false, reason: 'inaccessible', detail: p.detail, hint: this.options.timeoutSaid === undefined ? TIMEOUT_HINT : `check the server; the remote's ${this.options.timeoutSaid} option sets how long one request may stay silent` };
      case 'server':
        return { ok: false, reason: 'inaccessible', detail: p.detail, hint: 'try again later; if it goes on, the server\'s logs say why' };
      case 'other':
        return { ok: false, reason: 'inaccessible', detail: p.detail };
    }
  }

  private url(rel: string): string {
    return rel === '/' ? `${this.location.base}/` : `${this.location.base}/${rel}`;
  }

  /** A request's path for messages: relative to the remote (`objects/ab/cd…`), or the prefix itself. */
  private shown(rel: string): string {
    return rel === '/' ? `${this.location.base}/` : rel;
  }
}

function objectKey(hash: string): string {
  return `objects/${hash.slice(0, 2)}/${hash.slice(2)}`;
}

function runKey(key: string, id: string): string {
  return `runs/${key.slice(0, 2)}/${key.slice(2)}/${id}`;
}

/** A run-cache key's index (run-index.ts): beside `runs/`, not in it, so a directory remote served over HTTP lists no stray id. */
function runIndexKey(key: string): string {
  return `run-index/${key.slice(0, 2)}/${key.slice(2)}.json`;
}

function asProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  throw err; // not a remote's failure: a bug, keep the stack
}
