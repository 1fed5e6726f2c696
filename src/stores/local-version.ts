// The version a local import source (a path or file:// URL) gives, from stat alone: what `pipe
// import-url` records in a .pipe file's `source`, and what `pipe status` compares with it.
import fs from 'node:fs';
import path from 'node:path';

/** A source's version: each field only where the source gives one. */
export interface SourceVersion {
  etag?: string;
  last_modified?: string;
  /** bytes (a folder: of all its files) */
  size?: number;
}

/**
 * A file: its size and modification time. A folder: the size of all its files and the newest
 * modification time among them and its folders (a file added, removed or renamed changes its
 * folder's), found by walking it. Times as ISO text with milliseconds.
 */
export async function localVersion(abs: string, st: fs.Stats): Promise<SourceVersion> {
  if (!st.isDirectory()) return { last_modified: st.mtime.toISOString(), size: st.size };
  let size = 0;
  let newest = st.mtimeMs;
  const walk = async (dir: string): Promise<void> => {
    for (const name of await fs.promises.readdir(dir)) {
      const s = await fs.promises.stat(path.join(dir, name));
      newest = Math.max(newest, s.mtimeMs);
      if (s.isDirectory()) await walk(path.join(dir, name));
      else size += s.size;
    }
  };
  await walk(abs);
  return { last_modified: new Date(newest).toISOString(), size };
}
