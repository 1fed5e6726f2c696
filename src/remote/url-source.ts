// Where `pipe import-url` fetches data from and `pipe update` asks whether it changed: an
// http(s):// URL (one file: HTTP cannot list a folder), an s3://bucket/key (an object, or every
// object under `key/`: a folder), or a local path / file:// URL (a file or a folder). Each kind
// answers two questions: what version the source holds now (`probe`: HEAD, HeadObject, stat; no
// data moves) and "write it here" (`download`, into a path that does not exist yet, returning the
// version it got). The version is what the tracking file's `source` records (etag, last_modified,
// size: whatever the source gives). Requests go through the same pieces the remotes use:
// http-request.ts (retries, silence timeout; $PIPE_HTTP_* credentials, to the remote's server
// only: CredentialScope) and s3-adapter.ts (loaded only when an s3:// URL is used).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { certificateHint, fetchToFile, HttpProblem, requestWithRetries, SET_HTTP_CREDENTIALS, statusWords, TIMEOUT_HINT, type RequestOptions } from './http-request.js';
import { httpAuth, timeoutFromEnv, type HttpAuth } from './http-transport.js';
import type { S3Bucket, S3ObjectInfo } from './s3-adapter.js';
import { localVersion, type SourceVersion } from '../stores/local-version.js';
import { parseS3Url, S3_CREDENTIALS_HINT, S3_UNREACHABLE_HINT } from './s3-transport.js';

/** What a source says about the version it holds: each field only where it gives one. */
export type { SourceVersion };

/** A source's failure, as one line, and what to do about it. */
export class SourceProblem extends Error {
  constructor(readonly detail: string, readonly hint?: string) {
    super(detail);
    this.name = 'SourceProblem';
  }
}

export interface UrlSource {
  kind: 'http' | 's3' | 'local';
  /** the URL or path as messages name it */
  shown: string;
  /** the name the data gets when no path is given: the URL's last path segment */
  name: string;
  /** a local source's absolute path */
  abs?: string;
  /** the source's current version; a SourceProblem when it is not there or cannot be asked */
  probe(): Promise<SourceVersion>;
  /** writes the data at `destAbs` (which does not exist) and returns the version written */
  download(destAbs: string): Promise<SourceVersion>;
}

/**
 * Where $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN may go: they are the http(s)
 * remote's credentials, so only to its origin (scheme, host and port), never to another host an
 * imported URL names (which would see the remote's password). `origin` is undefined when the
 * remote is not an http(s) server or none is configured; `source` says where it was set.
 */
export interface CredentialScope {
  origin?: string;
  source?: string;
}

/**
 * The source a URL names. `base` resolves a relative local path (the current folder for what the
 * user typed, the tracking file's folder for what a tracking file records).
 */
export function openSource(url: string, base: string, remote?: CredentialScope): { ok: true; value: UrlSource } | { ok: false; reason: string; hint?: string } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return httpSource(url, remote);
  if (scheme === 's3') return s3Source(url);
  if (scheme === 'file') {
    let abs: string;
    try {
      abs = fileURLToPath(url);
    } catch (err) {
      return { ok: false, reason: `it is not a usable file:// URL (${(err as Error).message})` };
    }
    return { ok: true, value: localSource(abs, url) };
  }
  if (scheme !== undefined) return { ok: false, reason: `pipe import-url reads http://, https://, s3:// and file:// URLs and local paths, not ${scheme}://` };
  return { ok: true, value: localSource(path.resolve(base, url), url) };
}

/** A URL with `user:password@` would write credentials into a committed file: refused, pointing at the variables. */
export function userinfoRefusal(url: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url)) return undefined;
  return `it carries user:password@, which would be written into the .pipe file you commit; give the URL without it and ${SET_HTTP_CREDENTIALS} instead`;
}

function lastSegment(p: string): string {
  const parts = p.split('/').filter((x) => x !== '');
  return parts[parts.length - 1] ?? '';
}

// ---------------------------------------------------------------------------------------------
// http(s)

const HTTP_ATTEMPTS = 3;
const HTTP_FILES_ONLY = 'HTTP cannot list one, so pipe import-url fetches single files over http(s)';
const HTTP_FOLDER_HINT = 'import each file by its own URL, or fetch the folder from s3:// or a local path';
/** Begins the problem of a URL redirected to a folder (`/pub` → `/pub/`, a listing page): its hint is HTTP_FOLDER_HINT. */
const REDIRECTED_TO_FOLDER = 'it redirects to a folder';

/**
 * An answer that came, after redirects, from a folder's URL (`/pub` → `/pub/`): its body is a
 * listing page or an error, never the file, whatever its status.
 */
function redirectedToFolder(res: Response): HttpProblem | undefined {
  if (!res.redirected || !new URL(res.url).pathname.endsWith('/')) return undefined;
  return new HttpProblem('other', `${REDIRECTED_TO_FOLDER} (${res.url}): ${HTTP_FILES_ONLY}`);
}
const HTTP_TIMEOUT_MS = 20_000;

function httpSource(url: string, remote: CredentialScope = {}): { ok: true; value: UrlSource } | { ok: false; reason: string; hint?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'it is not a valid URL' };
  }
  if (u.hostname === '') return { ok: false, reason: 'it names no host' };
  if (u.pathname.endsWith('/')) return { ok: false, reason: `it names a folder: ${HTTP_FILES_ONLY}`, hint: HTTP_FOLDER_HINT };
  // another host than the remote's gets no credentials (nor, after a redirect, does fetch send
  // them on to another origin: the Fetch standard drops Authorization there)
  const ours = remote.origin !== undefined && u.origin === remote.origin;
  const auth: ReturnType<typeof httpAuth> = ours ? httpAuth({ base: url }) : { ok: true, value: { kind: 'none' } };
  if (!auth.ok) return { ok: false, reason: auth.reason, hint: SET_HTTP_CREDENTIALS };
  const authorization = authorizationOf(auth.value);
  const options = (method: string, status: (s: number) => HttpProblem): RequestOptions => {
    const o: RequestOptions = { timeoutMs: timeoutFromEnv() ?? HTTP_TIMEOUT_MS, attempts: HTTP_ATTEMPTS, shown: `${method} ${url}`, statusProblem: status };
    if (authorization !== undefined) o.authorization = authorization;
    return o;
  };
  const problem = (p: HttpProblem): SourceProblem => new SourceProblem(p.detail, !ours && (p.kind === 'unauthorized' || p.kind === 'denied') ? notSentHint(u.origin, remote) : httpHint(p, auth.value));
  const statusProblem = (method: string) => (status: number): HttpProblem => {
    const what = statusWords(status);
    if (status === 404 || status === 410) return new HttpProblem('other', `not found (${what})`);
    if (status === 401 || status === 407) return new HttpProblem('unauthorized', auth.value.kind === 'none' ? `the server asks for credentials (${what})` : `the server refused the credentials (${what})`);
    if (status === 403) return new HttpProblem('denied', `access denied (${what})`);
    if (status >= 500 || status === 429) return new HttpProblem('server', `the server failed (${what} for ${method}, tried ${HTTP_ATTEMPTS} times)`);
    return new HttpProblem('other', `unexpected answer ${what} for ${method}`);
  };
  const versionOf = (headers: Headers): SourceVersion => {
    const v: SourceVersion = {};
    const etag = headers.get('etag');
    const modified = headers.get('last-modified');
    const length = headers.get('content-length');
    if (etag !== null) v.etag = etag;
    if (modified !== null) v.last_modified = modified;
    if (length !== null && /^\d+$/.test(length)) v.size = Number(length);
    return v;
  };
  return {
    ok: true,
    value: {
      kind: 'http',
      shown: url,
      name: decodeURIComponent(lastSegment(u.pathname)),
      async probe() {
        try {
          return await requestWithRetries(url, 'HEAD', async (res) => {
            const folder = redirectedToFolder(res);
            if (folder !== undefined) throw folder;
            // a server that answers no HEAD: nothing to compare, so update fetches and compares the content
            if (res.status === 405 || res.status === 501) return {};
            if (res.status !== 200) throw statusProblem('HEAD')(res.status);
            return versionOf(res.headers);
          }, options('HEAD', statusProblem('HEAD')));
        } catch (err) {
          if (err instanceof HttpProblem) throw problem(err);
          throw err;
        }
      },
      async download(destAbs) {
        try {
          const { status, headers } = await fetchToFile(url, destAbs, options('GET', statusProblem('GET')), redirectedToFolder);
          if (status !== 200) throw statusProblem('GET')(status);
          const version = versionOf(headers);
          // a body cut short without the connection failing (a proxy's doing): never taken for the data
          const got = (await fs.promises.stat(destAbs)).size;
          if (version.size !== undefined && got !== version.size) {
            throw new HttpProblem('other', `the server sent ${got} bytes of the ${version.size} it announced`);
          }
          version.size = got;
          return version;
        } catch (err) {
          if (err instanceof HttpProblem) throw problem(err);
          throw err;
        }
      },
    },
  };
}

function authorizationOf(auth: HttpAuth): string | undefined {
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}

/** A host other than the remote's asks for credentials: why none were sent, and how to send them there. */
function notSentHint(origin: string, remote: CredentialScope): string {
  const where = remote.origin === undefined ? 'no http(s) remote is configured' : `the remote's server is ${remote.origin}${remote.source ? `, from ${remote.source}` : ''}`;
  return `$PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN are sent only to the remote's server, so that no other host sees the remote's credentials (${where}); to send them to ${origin}, name it as the remote for this command (\`-r ${origin}\`)`;
}

function httpHint(p: HttpProblem, auth: HttpAuth): string | undefined {
  const vars = auth.kind === 'bearer' ? '$PIPE_HTTP_TOKEN' : auth.kind === 'basic' ? '$PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD' : undefined;
  switch (p.kind) {
    case 'unauthorized':
      return vars === undefined ? SET_HTTP_CREDENTIALS : `check ${vars}`;
    case 'denied':
      return vars === undefined ? `the server may need credentials: ${SET_HTTP_CREDENTIALS}` : `check that ${vars} may read it`;
    case 'unreachable':
      return 'check the network and the URL';
    case 'certificate':
      return certificateHint('the URL\'s');
    case 'timeout':
      return TIMEOUT_HINT;
    case 'server':
      return 'try again later';
    default:
      if (p.detail.startsWith(REDIRECTED_TO_FOLDER)) return HTTP_FOLDER_HINT;
      return p.detail.startsWith('not found') ? 'check the URL' : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// s3

function s3Source(url: string): { ok: true; value: UrlSource } | { ok: false; reason: string; hint?: string } {
  const parsed = parseS3Url(url);
  if (!parsed.ok) return parsed;
  const { bucket, prefix: key } = parsed.value;
  if (key === '') return { ok: false, reason: 'it names a bucket, not an object or a folder in it (write s3://<bucket>/<key>)' };
  let opened: Promise<S3Bucket> | undefined;
  const open = (): Promise<S3Bucket> => (opened ??= import('./s3-adapter.js').then((a) => a.openBucket(bucket)));
  const guard = async <T>(op: (b: S3Bucket) => Promise<T>): Promise<T> => {
    try {
      return await op(await open());
    } catch (err) {
      if (err instanceof Error && err.name === 'S3Problem') {
        const p = err as Error & { kind: string; detail: string };
        if (p.kind === 'no-bucket') throw new SourceProblem(`the bucket ${bucket} does not exist`, 'check the URL');
        if (p.kind === 'no-credentials') throw new SourceProblem(p.detail, S3_CREDENTIALS_HINT);
        if (p.kind === 'denied') throw new SourceProblem(p.detail, `check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile AWS_PROFILE names) and that they may read ${url}`);
        if (p.kind === 'unreachable') throw new SourceProblem(p.detail, S3_UNREACHABLE_HINT);
        throw new SourceProblem(p.detail);
      }
      throw err;
    }
  };
  /** The objects of the folder `key/`, each with its path inside it, sorted: empty when there is none. */
  const folder = async (b: S3Bucket): Promise<({ rel: string; key: string } & S3ObjectInfo)[]> => {
    const items: ({ rel: string; key: string } & S3ObjectInfo)[] = [];
    for await (const o of b.list(`${key}/`)) {
      const rel = o.key.slice(key.length + 1);
      // a "folder marker" (an empty key ending in /) holds no data
      if (rel === '' || rel.endsWith('/')) continue;
      items.push({ rel, ...o });
    }
    return items.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  };
  const versionOf = (o: S3ObjectInfo): SourceVersion => {
    const v: SourceVersion = { size: o.size };
    if (o.etag !== undefined) v.etag = o.etag;
    if (o.lastModified !== undefined) v.last_modified = o.lastModified;
    return v;
  };
  /** A folder's version: its own etag (a digest of every key's name and etag), total size, newest date. */
  const folderVersion = (items: ({ rel: string } & S3ObjectInfo)[]): SourceVersion => {
    const digest = createHash('sha256');
    for (const i of items) digest.update(`${i.rel}\0${i.etag ?? ''}\0${i.size}\n`);
    const newest = items.map((i) => (i.lastModified === undefined ? 0 : Date.parse(i.lastModified))).reduce((a, b) => Math.max(a, b), 0);
    const v: SourceVersion = { etag: `pipe-folder:${digest.digest('hex')}`, size: items.reduce((n, i) => n + i.size, 0) };
    if (newest > 0) v.last_modified = new Date(newest).toUTCString();
    return v;
  };
  const missing = (): SourceProblem => new SourceProblem(`not found: s3://${bucket} has no object ${key} and no objects under ${key}/`, 'check the URL');
  return {
    ok: true,
    value: {
      kind: 's3',
      shown: url,
      name: lastSegment(key),
      probe: () => guard(async (b) => {
        const one = await b.head(key);
        if (one !== undefined) return versionOf(one);
        const items = await folder(b);
        if (items.length === 0) throw missing();
        return folderVersion(items);
      }),
      download: (destAbs) => guard(async (b) => {
        const one = await b.fetch(key, destAbs);
        if (one !== undefined) {
          const got = (await fs.promises.stat(destAbs)).size;
          if (got !== one.size) throw new SourceProblem(`S3 sent ${got} bytes of the ${one.size} it announced`);
          return versionOf(one);
        }
        const items = await folder(b);
        if (items.length === 0) throw missing();
        for (const i of items) {
          const dest = path.join(destAbs, ...i.rel.split('/'));
          await fs.promises.mkdir(path.dirname(dest), { recursive: true });
          // listed a moment ago, gone now: the folder changed under us; a later update fetches it whole
          if ((await b.fetch(i.key, dest)) === undefined) throw new SourceProblem(`s3://${bucket}/${i.key} disappeared while the folder was fetched; try again`);
        }
        return folderVersion(items);
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// local files and folders

function localSource(abs: string, given: string): UrlSource {
  const stat = async (): Promise<fs.Stats> => {
    try {
      return await fs.promises.stat(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceProblem(`not found (${abs} does not exist)`, 'check the path');
      throw new SourceProblem(`cannot read ${abs}: ${(err as Error).message}`);
    }
  };
  return {
    kind: 'local',
    shown: given,
    abs,
    name: path.basename(abs),
    probe: async () => localVersion(abs, await stat()),
    async download(destAbs) {
      const st = await stat();
      if (st.isDirectory()) await fs.promises.cp(abs, destAbs, { recursive: true, dereference: true, errorOnExist: true, force: false });
      else await fs.promises.copyFile(abs, destAbs, fs.constants.COPYFILE_EXCL);
      // as stat saw it before the copy: a change during the copy shows at the next update
      return localVersion(abs, st);
    },
  };
}
