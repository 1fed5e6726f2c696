// Shared by the `pipe import-url` / `pipe update` tests: the environment every run gets (no
// credentials or remote from the machine running the tests), and the `source:` lines a .pipe
// file records for a file the test HTTP server (test/remote/http-server.ts) serves.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { initRepo, sha256 } from '../add/helpers.js';
import { makeRig, type Rig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';

export const ENV = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

/** The ETag and Last-Modified the test server sends for `file` now (its size and mtime, as nginx's). */
export function validators(file: string): { etag: string; lastModified: string } {
  const st = fs.statSync(file);
  return { etag: `"${Math.floor(st.mtimeMs).toString(16)}-${st.size.toString(16)}"`, lastModified: st.mtime.toUTCString() };
}

/** The .pipe text import-url writes for one file fetched over HTTP from the test server. */
export function importedText(url: string, served: string, name: string, content: string): string {
  const v = validators(served);
  const size = Buffer.byteLength(content);
  return `schema: '2'\nsource:\n  url: ${url}\n  etag: '${v.etag}'\n  last_modified: ${v.lastModified}\n  size: ${size}\nouts:\n  - path: ${name}\n    hash: ${sha256(content)}\n    size: ${size}\n    nfiles: 1\n`;
}

/** Writes `content` to `file` with an mtime `seconds` later than it had (a change HTTP dates, whole seconds, can tell). */
export function rewrite(file: string, content: string, seconds = 5): void {
  const before = fs.existsSync(file) ? fs.statSync(file).mtime : new Date();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const later = new Date(before.getTime() + seconds * 1000);
  fs.utimesSync(file, later, later);
}

/** A git project that imported `data/train.csv` (`a,b`) from the test server, which it returns. */
export async function importedTrainCsv(): Promise<{ rig: Rig; server: Awaited<ReturnType<typeof startHttp>>; url: string }> {
  const server = await startHttp();
  fs.writeFileSync(path.join(server.dir, 'train.csv'), 'a,b\n');
  const url = `${server.origin}/train.csv`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  initRepo(rig.dir);
  expect((await rig.runWith({ env: ENV }, 'import-url', url, 'data/train.csv')).code).toBe(0);
  return { rig, server, url };
}
