// A fake Google Cloud Storage for the gs:// remote tests: the few JSON API endpoints the SDK calls
// for what pipe does (objects list with pageToken, object get / get media, simple multipart
// insert with ifGenerationMatch, delete, bucket get), answering as GCS does, with GCS's error
// shape; in this process, on 127.0.0.1 at a free port, with one bucket in memory; stopped when the
// test ends. `env` is what a pipe run needs to use it: STORAGE_EMULATOR_HOST (the SDK then sends
// no credentials), and no key file, gcloud login or metadata server, so the machine's own Google
// Cloud setup never leaks in.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { CRC32C } from '@google-cloud/storage';
import { onTestFinished } from 'vitest';
import { tempDir } from './helpers.js';

export const GCS_BUCKET = 'pipe-cache';

interface Stored {
  data: Buffer;
  generation: number;
  contentType: string;
}

export interface GcsServer {
  endpoint: string;
  env: Record<string, string>;
  /** Every object name in the bucket, sorted. */
  keys(): string[];
  /** Stores an object directly (what another tool would put there). */
  put(key: string, body: string | Buffer): void;
  /** The requests answered so far: `METHOD path?query`. */
  requests: string[];
  /**
   * From now on a request without credentials is refused with 401 (`anonymous`, as GCS answers
   * for a private bucket), or every request with 403 (`denied`, credentials without access).
   */
  refuse(how: 'anonymous' | 'denied'): void;
  close(): Promise<void>;
}

/** What every gs:// test run gets besides the endpoint: no credentials from the machine, no metadata server. */
export function isolatedGcsEnv(endpoint: string | undefined): Record<string, string> {
  const home = tempDir();
  return {
    ...(endpoint !== undefined ? { STORAGE_EMULATOR_HOST: endpoint } : {}),
    GOOGLE_APPLICATION_CREDENTIALS: '',
    HOME: home,
    APPDATA: path.join(home, 'appdata'),
    CLOUDSDK_CONFIG: path.join(home, 'gcloud'),
    METADATA_SERVER_DETECTION: 'none',
    GCE_METADATA_HOST: '127.0.0.1:9',
    PIPE_REMOTE: '',
  };
}

function gcsError(res: http.ServerResponse, code: number, message: string, reason: string): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason }] } }));
}

function json(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

/** The parts of a multipart/related body (the SDK's simple upload: metadata JSON, then the bytes). */
function multipartParts(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (boundary === undefined) return [];
  const delim = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delim);
  while (at !== -1) {
    const start = at + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next === -1) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    // the part's bytes run to the CRLF before the next delimiter
    parts.push(part.subarray(headerEnd + 4, part.length - 2));
    at = next;
  }
  return parts;
}

export async function startGcs(options: { bucket?: string } = {}): Promise<GcsServer> {
  const bucketName = options.bucket ?? GCS_BUCKET;
  const objects = new Map<string, Stored>();
  const requests: string[] = [];
  let refusing: 'anonymous' | 'denied' | undefined;
  let generation = 1;
  const resource = (name: string, o: Stored) => {
    const crc = new CRC32C();
    crc.update(o.data);
    return {
      kind: 'storage#object', id: `${bucketName}/${name}/${o.generation}`, name, bucket: bucketName,
      generation: String(o.generation), metageneration: '1', contentType: o.contentType, size: String(o.data.length),
      md5Hash: crypto.createHash('md5').update(o.data).digest('base64'), crc32c: crc.toString(),
      timeCreated: new Date(0).toISOString(), updated: new Date(0).toISOString(),
    };
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const q = url.searchParams;
      requests.push(`${req.method ?? ''} ${url.pathname}${url.search}`);
      const access = "storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).";
      if (refusing === 'anonymous' && req.headers.authorization === undefined) return gcsError(res, 401, `Anonymous caller does not have ${access}`, 'required');
      if (refusing === 'denied') return gcsError(res, 403, `pipe-test@example.iam.gserviceaccount.com does not have ${access}`, 'forbidden');
      const m = /^\/(upload\/)?storage\/v1\/b\/([^/]+)(?:\/o(?:\/(.+))?)?$/.exec(url.pathname);
      if (!m) return gcsError(res, 404, 'Not Found', 'notFound');
      const [, upload, bucket, encodedName] = m;
      const objectsPath = url.pathname.includes('/o');
      if (bucket !== bucketName) return gcsError(res, 404, 'The specified bucket does not exist.', 'notFound');
      const name = encodedName === undefined ? undefined : decodeURIComponent(encodedName);
      if (!objectsPath && req.method === 'GET') return json(res, { kind: 'storage#bucket', id: bucketName, name: bucketName, location: 'US' });
      if (upload !== undefined && req.method === 'POST') {
        if (q.get('uploadType') !== 'multipart') return gcsError(res, 400, `upload type ${q.get('uploadType') ?? ''} is not in this fake`, 'invalid');
        const [meta, data] = multipartParts(Buffer.concat(chunks), req.headers['content-type'] ?? '');
        if (meta === undefined || data === undefined) return gcsError(res, 400, 'bad multipart body', 'invalid');
        const metadata = JSON.parse(meta.toString('utf8')) as { name?: string; contentType?: string };
        const key = q.get('name') ?? metadata.name;
        if (key === undefined) return gcsError(res, 400, 'Required', 'required');
        if (q.get('ifGenerationMatch') === '0' && objects.has(key)) return gcsError(res, 412, 'At least one of the pre-conditions you specified did not hold.', 'conditionNotMet');
        const stored = { data, generation: generation++, contentType: metadata.contentType ?? 'application/octet-stream' };
        objects.set(key, stored);
        return json(res, resource(key, stored));
      }
      if (name === undefined && req.method === 'GET') {
        const prefix = q.get('prefix') ?? '';
        const max = Math.min(Number(q.get('maxResults') ?? 1000), 1000);
        const token = q.get('pageToken');
        const names = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const from = token === null ? 0 : names.findIndex((k) => k > Buffer.from(token, 'base64').toString('utf8'));
        const page = from === -1 ? [] : names.slice(from, from + max);
        const more = from !== -1 && from + max < names.length;
        const last = page[page.length - 1];
        return json(res, {
          kind: 'storage#objects',
          ...(page.length > 0 ? { items: page.map((k) => resource(k, objects.get(k)!)) } : {}),
          ...(more && last !== undefined ? { nextPageToken: Buffer.from(last).toString('base64') } : {}),
        });
      }
      const stored = name === undefined ? undefined : objects.get(name);
      if (name === undefined || stored === undefined) return gcsError(res, 404, `No such object: ${bucketName}/${name ?? ''}`, 'notFound');
      if (req.method === 'DELETE') {
        objects.delete(name);
        res.writeHead(204).end();
        return;
      }
      if (req.method !== 'GET') return gcsError(res, 405, `${req.method ?? ''} is not in this fake`, 'invalid');
      if (q.get('alt') === 'media') {
        res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.data.length, 'x-goog-generation': String(stored.generation) });
        res.end(stored.data);
        return;
      }
      return json(res, resource(name, stored));
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const close = () => new Promise<void>((res) => {
    server.closeAllConnections();
    server.close(() => res());
  });
  onTestFinished(close);
  return {
    endpoint,
    env: isolatedGcsEnv(endpoint),
    keys: () => [...objects.keys()].sort(),
    put(key, body) {
      objects.set(key, { data: Buffer.from(body), generation: generation++, contentType: 'application/octet-stream' });
    },
    requests,
    refuse(how) {
      refusing = how;
    },
    close,
  };
}
