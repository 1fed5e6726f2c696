// An HTTP(S) server for the http(s):// remote tests, written here on node:http: it serves a temp
// folder (the URL path `/` is the folder) with GET, HEAD and PUT (a PUT's body goes to a temp
// file, renamed when complete, its folders made as needed: what nginx's dav module with
// create_full_put_path does; or, with `mkcol`, made only by MKCOL, as Apache mod_dav wants).
// Variants: read-only (PUT answered 405, as a static file server does), basic auth or a bearer
// token required, one that accepts connections and never answers, one that stops sending in the
// middle of an object, set statuses for a method, HTTPS. Every request is recorded as
// `METHOD /path` (and, with the Authorization header it carried, in `authorized`); some paths may
// be answered with a redirect. Closed when the test ends.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { tempDir } from './helpers.js';

export interface HttpServer {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`) */
  origin: string;
  /** The folder it serves (the URL path `/` is this folder). */
  dir: string;
  /** `METHOD /path` of every request, in order. */
  requests: string[];
  /** `METHOD /path Authorization-value` of every request that carried an Authorization header, in order. */
  authorized: string[];
  /** The most requests it has had open at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** PUT answered 405 Method Not Allowed. */
  readOnly?: boolean;
  /** Every request needs `Authorization: Basic` with this user and password, else 401. */
  basic?: { user: string; password: string };
  /** Every request needs `Authorization: Bearer <token>`, else 401. */
  token?: string;
  /** Accepts connections, reads requests, never answers. */
  silent?: boolean;
  /** Answers every request with this status (a failing server). */
  status?: number;
  /**
   * As Apache mod_dav: a PUT whose folder is missing is answered 409 Conflict, and folders are
   * made with MKCOL (201; 405 where it exists, 409 where its parent is missing).
   */
  mkcol?: boolean;
  /** Answers every request with this method with this status, the rest as usual (`{ PUT: 403 }`). */
  statusFor?: Record<string, number>;
  /** A GET of an object (under `/objects/`) sends its headers and half its body, then nothing more. */
  stallBodies?: boolean;
  /** Serves HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** A folder's GET or HEAD is answered 200 with an HTML listing of it (nginx's autoindex), not 403. */
  autoindex?: boolean;
  /** GET and HEAD of these paths are answered 301 to the Location given (`{ '/pub': '/pub/' }`). */
  redirects?: Record<string, string>;
  /** GET and HEAD answers carry no ETag and Last-Modified (which they otherwise do, from the file's size and mtime, as nginx's). */
  noValidators?: boolean;
  /** A folder's path answers 404, as static hosting (an S3 website, a CDN) that has no folders does. */
  noFolders?: boolean;
  /** Each HEAD answered this many ms late (so requests made at once overlap, for `maxInFlight`). */
  headDelayMs?: number;
  /** HEAD answers carry no Content-Length (as a server that would send the body chunked). */
  noHeadLength?: boolean;
}

/** A self-signed certificate for 127.0.0.1 (openssl), as a server's own certificate authority would make. */
export function selfSignedCertificate(): { key: string; cert: string; certFile: string } {
  const dir = tempDir();
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const read = (f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');
  return { key: read('key.pem'), cert: read('cert.pem'), certFile: path.join(dir, 'cert.pem') };
}

export async function startHttp(options: HttpServerOptions = {}): Promise<HttpServer> {
  const dir = tempDir();
  const requests: string[] = [];
  const authorized: string[] = [];
  const sockets = new Set<net.Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // answered once the answer is ended (res.end called, before any byte of its end can reach the
    // client): 'finish' or 'close' may come after the client, having read it all, has sent its
    // next request, on another connection if its first one is not free yet, counting two at once
    let answered = false;
    const end = (): void => {
      if (!answered) inFlight--;
      answered = true;
    };
    const endAnswer = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
    res.end = ((...a: unknown[]) => {
      end();
      return endAnswer(...a);
    }) as typeof res.end;
    res.on('close', end);
    if (req.method === 'HEAD' && options.headDelayMs !== undefined) return void setTimeout(() => answer(req, res), options.headDelayMs);
    answer(req, res);
  };
  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    if (req.headers.authorization !== undefined) authorized.push(`${req.method} ${url.pathname} ${req.headers.authorization}`);
    if (options.silent) return;
    if (options.status !== undefined) return void res.writeHead(options.status).end();
    if (options.basic) {
      const expected = `Basic ${Buffer.from(`${options.basic.user}:${options.basic.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="pipe"' }).end();
    }
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) return void res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
    const location = options.redirects?.[url.pathname];
    if (location !== undefined && (req.method === 'GET' || req.method === 'HEAD')) return void res.writeHead(301, { location }).end();
    const forMethod = options.statusFor?.[req.method ?? ''];
    if (forMethod !== undefined) return void req.resume().on('end', () => res.writeHead(forMethod).end());
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) return void res.writeHead(400).end();
    if (req.method === 'GET' || req.method === 'HEAD') {
      fs.stat(file, (err, st) => {
        if (err) return void res.writeHead(404).end();
        if (st.isDirectory() && options.autoindex) {
          const page = `<html><body>${fs.readdirSync(file).map((n) => `<a href="${n}">${n}</a>`).join('\n')}</body></html>\n`;
          return void res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) }).end(req.method === 'HEAD' ? undefined : page);
        }
        if (st.isDirectory()) return void res.writeHead(options.noFolders ? 404 : 403).end(); // no index pages, as nginx without autoindex
        if (req.method === 'HEAD' && options.noHeadLength) return void res.writeHead(200, { 'transfer-encoding': 'chunked' }).end();
        const validators = options.noValidators ? {} : { etag: `"${Math.floor(st.mtimeMs).toString(16)}-${st.size.toString(16)}"`, 'last-modified': st.mtime.toUTCString() };
        res.writeHead(200, { 'content-length': st.size, ...validators });
        if (req.method === 'HEAD') return void res.end();
        if (options.stallBodies && url.pathname.includes('/objects/')) return void res.write(fs.readFileSync(file).subarray(0, Math.floor(st.size / 2)));
        // the whole body in the one end() call (test files are small): streamed, the client could hold
        // every byte before the stream's end() ran, and count as a second request at once with its next
        res.end(fs.readFileSync(file));
      });
      return;
    }
    if (req.method === 'PUT') {
      if (options.readOnly) return void req.resume().on('end', () => res.writeHead(405, { allow: 'GET, HEAD' }).end());
      if (options.mkcol && !fs.existsSync(path.dirname(file))) return void req.resume().on('end', () => res.writeHead(409).end());
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.part-${process.pid}-${Math.random().toString(36).slice(2)}`;
      const out = fs.createWriteStream(tmp);
      req.pipe(out);
      out.on('finish', () => {
        fs.renameSync(tmp, file);
        res.writeHead(201).end();
      });
      return;
    }
    if (req.method === 'MKCOL' && options.mkcol) {
      if (fs.existsSync(file)) return void res.writeHead(405).end();
      if (!fs.existsSync(path.dirname(file))) return void res.writeHead(409).end();
      fs.mkdirSync(file);
      return void res.writeHead(201).end();
    }
    res.writeHead(405).end();
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  server.on(options.tls ? 'secureConnection' : 'connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as net.AddressInfo;
  const close = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((res) => server.close(() => res()));
  };
  onTestFinished(close);
  return { origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, dir, requests, authorized, maxInFlight: () => maxInFlight, close };
}
