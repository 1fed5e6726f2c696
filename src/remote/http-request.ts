// One HTTP request done the way pipe does every request over the network, shared by the http(s)
// remote (http-transport.ts) and `pipe import-url` / `pipe update` (url-source.ts): Node's own
// fetch, tried again after a network failure, a timeout or a 5xx/429 answer, and aborted after a
// stretch of silence rather than after a fixed time, so a slow but moving transfer of a large file
// is never cut short. `fetchToFile` streams a GET's body to a file on top of it.
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** What went wrong, sorted by what the user should do about it. */
export type HttpProblemKind = 'unreachable' | 'certificate' | 'timeout' | 'unauthorized' | 'denied' | 'put-refused' | 'server' | 'other';

export class HttpProblem extends Error {
  constructor(readonly kind: HttpProblemKind, readonly detail: string) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** How to give credentials, as every HTTP failure that wants them says it. */
export const SET_HTTP_CREDENTIALS = 'set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (HTTP basic auth) or $PIPE_HTTP_TOKEN (a bearer token)';
/** What to do about an untrusted certificate; `what` names the host's source (`the remote's`, `the URL's`). */
export const certificateHint = (what: string): string => `if the server's certificate is signed by your own certificate authority, set NODE_EXTRA_CA_CERTS to that authority's certificate (a PEM file); else check ${what} host name`;
export const TIMEOUT_HINT = 'check the server; $PIPE_HTTP_TIMEOUT_MS sets how long one request may stay silent (default 20000)';

/** Waits before the 2nd, 3rd... try: 0.5 s, then doubling. */
const BACKOFF_MS = 500;

export interface HttpUpload {
  size: number;
  body: (touch: () => void) => Promise<Uint8Array | ReadableStream<Uint8Array>>;
}

export interface RequestOptions {
  /** How long a try may stay silent (no connection, no answer, no body bytes moving), in ms. */
  timeoutMs: number;
  /** Tries for a network failure, a timeout or a 5xx/429 answer. */
  attempts: number;
  /** The `Authorization` header's value, if any. */
  authorization?: string;
  /** The request as messages name it (`GET objects/ab/cd…`). */
  shown: string;
  /** The problem a 5xx/429 answer is: thrown when the last try gets one too. */
  statusProblem: (status: number) => HttpProblem;
  upload?: HttpUpload;
}

/**
 * One request, tried again after a network failure, a timeout or a 5xx/429 answer (waiting
 * 0.5 s, then 1 s...). Each try is aborted after `timeoutMs` of silence: no connection, no
 * answer, or no body bytes moving either way (`touch` is called as they move), so a slow but
 * moving transfer of a large file is never cut short. `handle` reads the answer (its body too)
 * inside the try. Failures are HttpProblems; a local file's error (an upload's source, a
 * download's destination) is thrown as it is.
 */
export async function requestWithRetries<T>(
  url: string,
  method: string,
  handle: (res: Response, touch: () => void) => Promise<T>,
  options: RequestOptions,
): Promise<T> {
  const { timeoutMs, attempts, upload } = options;
  let last: HttpProblem | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((res) => setTimeout(res, BACKOFF_MS * 2 ** (attempt - 2)));
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const touch = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    touch();
    try {
      const headers: Record<string, string> = { 'accept-encoding': 'identity' };
      if (options.authorization !== undefined) headers.authorization = options.authorization;
      const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
      if (upload !== undefined) {
        headers['content-length'] = String(upload.size);
        init.body = await upload.body(touch);
        init.duplex = 'half';
        // a redirected PUT would need its body sent again: said as an error instead (statusProblem)
        init.redirect = 'manual';
      }
      const res = await fetch(url, init);
      try {
        if ((res.status >= 500 || res.status === 429) && attempt < attempts) {
          last = options.statusProblem(res.status);
          continue;
        }
        return await handle(res, touch);
      } finally {
        // an answer whose body nobody read (a 404 page, a PUT's 201 text) would hold its connection
        if (!res.bodyUsed) res.body?.cancel().catch(() => undefined);
      }
    } catch (err) {
      if (err instanceof HttpProblem) throw err;
      const local = localFileError(err);
      if (local !== undefined) throw local; // the local disk, not the network's
      const origin = new URL(url).host;
      // a certificate that is not trusted now will not be on the next try
      if (isCertificateError(err)) throw new HttpProblem('certificate', `cannot reach ${origin}: its TLS certificate is not trusted (${networkDetail(err)})`);
      last = timedOut
        ? new HttpProblem('timeout', `no answer from ${origin} within ${seconds(timeoutMs)} (${options.shown}, tried ${attempts} times)`)
        : new HttpProblem('unreachable', `cannot reach ${origin} (${networkDetail(err)})`);
    } finally {
      clearTimeout(timer);
    }
  }
  throw last ?? new HttpProblem('other', `${options.shown} was not tried`);
}

/**
 * GETs `url` (with `requestWithRetries`) and, on a 200 answer, streams its body into `destAbs`,
 * each chunk resetting the silence timer; the caller checks what arrived and renames it into
 * place. Any other answer is returned unread, with nothing written, for the caller to word.
 * `refuse` looks at the answer first (its final URL, after redirects): a problem it gives is
 * thrown before anything is written.
 */
export async function fetchToFile(url: string, destAbs: string, options: RequestOptions, refuse?: (res: Response) => HttpProblem | undefined): Promise<{ status: number; headers: Headers }> {
  return requestWithRetries(url, 'GET', async (res, touch) => {
    const refused = refuse?.(res);
    if (refused !== undefined) throw refused;
    if (res.status !== 200) return { status: res.status, headers: res.headers };
    if (res.body === null) throw new HttpProblem('other', `GET ${url} answered without a body`);
    const moving = new Transform({ transform: (chunk, _enc, done) => (touch(), done(null, chunk)) });
    await pipeline(Readable.fromWeb(res.body as NodeReadableStream), moving, fs.createWriteStream(destAbs));
    return { status: 200, headers: res.headers };
  }, options);
}

/** Errors reading an upload's file: the local disk's, not the network's (a read error names no path). */
export const localErrors = new WeakSet<object>();

/** The local file system's error in `err` (it names a path, or an upload's file failed), if the failure was not the network's. */
function localFileError(err: unknown): unknown {
  // fetch wraps an upload body's read error as the cause of its own
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if (localErrors.has(e)) return e;
    if (typeof (e as { path?: unknown }).path === 'string' && typeof (e as { syscall?: unknown }).syscall === 'string') return e;
  }
  return undefined;
}

/** TLS refused the server's certificate (self-signed, unknown authority, expired, another host's name). */
function isCertificateError(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return true;
  }
  return false;
}

/** fetch's `TypeError: fetch failed` says nothing: the cause does (`connect ECONNREFUSED 127.0.0.1:9`). */
function networkDetail(err: unknown): string {
  let e: unknown = err;
  while (typeof e === 'object' && e !== null && (e as { cause?: unknown }).cause !== undefined) e = (e as { cause: unknown }).cause;
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s+/g, ' ').trim();
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `HTTP 404 Not Found`: a status as messages name it. */
export function statusWords(status: number): string {
  return `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 407: 'Proxy Authentication Required',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 413: 'Content Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 507: 'Insufficient Storage',
};
