// `pipe status`'s cheap look at a local import source (a path or file:// URL a .pipe file
// records): its stat against the size and modification time recorded at the import. Nothing is
// read, so a copy that keeps both (`cp -p`, `rsync -a`) shows only at `pipe update`, which
// compares content. http(s):// and s3:// sources are never asked: status stays offline.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localVersion } from '../stores/local-version.js';
import type { TrackingSource } from '../stores/index.js';

/**
 * Whether the local source of `source` (recorded in tracking file `file`, root-relative) now has
 * another size or modification time than recorded. False for a network source, a source that is
 * gone or unreadable (`pipe update` says why), or a record without those fields.
 */
export async function localSourceMoved(root: string, file: string, source: TrackingSource): Promise<boolean> {
  if (source.last_modified === undefined && source.size === undefined) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source.url)?.[1]?.toLowerCase();
  let abs: string;
  try {
    if (scheme === 'file') abs = fileURLToPath(source.url);
    else if (scheme !== undefined) return false;
    // a recorded relative path is relative to the tracking file's folder
    else abs = path.resolve(root, path.dirname(file), source.url);
    const now = await localVersion(abs, await fs.promises.stat(abs));
    return (source.last_modified !== undefined && now.last_modified !== source.last_modified) || (source.size !== undefined && now.size !== source.size);
  } catch {
    return false;
  }
}
