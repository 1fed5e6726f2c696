// A remote that is a directory (local disk, NFS, a mounted bucket): the same `objects/` and
// `runs/` layout as the local cache. Uploads go through a temp file + rename in the destination
// folder, so an interrupted push never leaves a partial object under a real name.
import fs from 'node:fs';
import path from 'node:path';
import { ObjectCache, RunCache, writeFileAtomic, isTempName, isValidHash } from '../stores/index.js';
import { EXPS_DIR, STALE_TEMP_MS, isExpRecordFile, type RemoteCheck, type RemoteObjectInfo, type Transport } from './transport.js';

export class DirTransport implements Transport {
  readonly description: string;
  private readonly objects: ObjectCache;
  private readonly runs: RunCache;

  /** Temp files of this process's uploads in flight (abortUploads). */
  private readonly uploading = new Set<string>();
  /** `.tmp-*` leftovers older than STALE_TEMP_MS that listObjects saw (removeStaleTemps). */
  private readonly staleTemps: string[] = [];

  constructor(readonly root: string) {
    this.description = root;
    this.objects = new ObjectCache(root, path.join(root, 'objects'));
    this.runs = new RunCache(root, path.join(root, 'runs'));
  }

  async open(mode: 'read' | 'write'): Promise<RemoteCheck> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(this.root);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') return { ok: false, reason: 'under-a-file', detail: fileAbove(this.root) };
      if (code !== 'ENOENT') return { ok: false, reason: 'inaccessible', detail: (err as Error).message };
      if (mode === 'read') return { ok: false, reason: 'missing' };
      try {
        await fs.promises.mkdir(this.root, { recursive: true });
      } catch (mkdirErr) {
        const c = (mkdirErr as NodeJS.ErrnoException).code;
        if (c === 'ENOTDIR') return { ok: false, reason: 'under-a-file', detail: fileAbove(this.root) };
        if (c === 'EEXIST') return { ok: false, reason: 'not-a-directory' }; // a file appeared there meanwhile
        return { ok: false, reason: 'inaccessible', detail: (mkdirErr as Error).message, ...accessHint(mkdirErr, mode, this.root) };
      }
      return { ok: true };
    }
    if (!stat.isDirectory()) return { ok: false, reason: 'not-a-directory' };
    try {
      const { R_OK, W_OK, X_OK } = fs.constants;
      await fs.promises.access(this.root, mode === 'read' ? R_OK | X_OK : R_OK | W_OK | X_OK);
    } catch (err) {
      return { ok: false, reason: 'inaccessible', detail: (err as Error).message, ...accessHint(err, mode, this.root) };
    }
    return { ok: true };
  }

  async listObjects(): Promise<Map<string, RemoteObjectInfo>> {
    const out = new Map<string, RemoteObjectInfo>();
    let shards: string[];
    try {
      shards = await fs.promises.readdir(this.objects.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
      throw err;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const dir = path.join(this.objects.dir, shard);
      for (const d of await fs.promises.readdir(dir, { withFileTypes: true })) {
        const hash = shard + d.name;
        if (isTempName(d.name) && d.isFile()) {
          // a dead push's leftover (STALE_TEMP_MS says why age alone is safe), for removeStaleTemps
          const at = path.join(dir, d.name);
          const st = await fs.promises.stat(at).catch(() => undefined);
          if (st !== undefined && Date.now() - st.mtimeMs > STALE_TEMP_MS) this.staleTemps.push(at);
          continue;
        }
        if (!d.isFile() || !isValidHash(hash)) continue;
        out.set(hash, { size: (await fs.promises.stat(path.join(dir, d.name))).size });
      }
    }
    return out;
  }

  async hasObject(hash: string): Promise<boolean> {
    return this.objects.has(hash);
  }

  async getObject(hash: string, destAbs: string): Promise<boolean> {
    try {
      await fs.promises.copyFile(this.objects.pathOf(hash), destAbs);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async putObject(hash: string, srcAbs: string): Promise<void> {
    const dest = this.objects.pathOf(hash);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const tmp = path.join(path.dirname(dest), `.tmp-${path.basename(dest)}-${process.pid}-${Date.now()}`);
    this.uploading.add(tmp);
    try {
      await fs.promises.copyFile(srcAbs, tmp);
      await fs.promises.rename(tmp, dest);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    } finally {
      this.uploading.delete(tmp);
    }
  }

  async abortUploads(): Promise<void> {
    // synchronous: a signal handler runs this right before the process exits
    for (const tmp of this.uploading) fs.rmSync(tmp, { force: true });
  }

  async removeStaleTemps(): Promise<number> {
    let removed = 0;
    for (const at of this.staleTemps.splice(0)) {
      try {
        await fs.promises.rm(at);
        removed++;
      } catch {
        // gone already (another push swept it), or not ours to remove: the next push tries again
      }
    }
    return removed;
  }

  staleTempCount(): number {
    return this.staleTemps.length;
  }

  async removeObjects(hashes: string[]): Promise<void> {
    for (const h of hashes) await fs.promises.rm(this.objects.pathOf(h), { force: true });
  }

  async removeRuns(entries: { key: string; id: string }[]): Promise<void> {
    for (const { key, id } of entries) {
      await fs.promises.rm(path.join(this.runs.keyDir(key), id), { force: true });
      // the key's folder once empty, as the local run-cache's prune does; a push adding to it meanwhile keeps it
      await fs.promises.rmdir(this.runs.keyDir(key)).catch(() => {});
    }
  }

  async listRuns(): Promise<{ key: string; id: string }[]> {
    return this.runs.list();
  }

  async getRun(key: string, id: string): Promise<string | undefined> {
    try {
      return await fs.promises.readFile(path.join(this.runs.keyDir(key), id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async putRun(key: string, id: string, text: string): Promise<void> {
    await writeFileAtomic(path.join(this.runs.keyDir(key), id), text);
  }

  async listExpRecords(): Promise<string[]> {
    try {
      return (await fs.promises.readdir(path.join(this.root, EXPS_DIR))).filter((n) => isExpRecordFile(n)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  async getExpRecord(file: string): Promise<string | undefined> {
    try {
      return await fs.promises.readFile(path.join(this.root, EXPS_DIR, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async removeExpRecords(files: string[]): Promise<void> {
    for (const f of files) await fs.promises.rm(path.join(this.root, EXPS_DIR, f), { force: true });
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    await writeFileAtomic(path.join(this.root, EXPS_DIR, file), text);
  }
}

/** The nearest existing path above `p` (which does not exist because that one is not a folder). */
function fileAbove(p: string): string {
  let up = path.dirname(p);
  while (up !== path.dirname(up) && !fs.existsSync(up)) up = path.dirname(up);
  return up;
}

/**
 * What to do about a remote folder pipe may not use: the path is right (it exists), so the advice
 * is about access, not about the path given.
 */
export function accessHint(err: unknown, mode: 'read' | 'write', root: string): { hint: string } | Record<string, never> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EROFS') return { hint: `${root} is on a read-only file system: a push cannot write there (pulls and \`pipe status -c\` only read it): push to another remote, or have it mounted writable` };
  if (code !== 'EACCES' && code !== 'EPERM') return {};
  if (mode === 'write') return { hint: `no write permission on ${root}: a push needs write access there (pulls and \`pipe status -c\` only read it): ask its owner for access, or push to another remote` };
  return { hint: `no read permission on ${root}: ask its owner for access` };
}
