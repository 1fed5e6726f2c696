// Writes several files as one change: `pipe exp run -S` (params.yaml and other params files),
// `pipe exp apply` (those, the `cache: false` outs, pipeline.lock), `pipe remove` (pipeline.yaml,
// pipeline.lock, .gitignore files). Each file is written atomically (temp file, fsync, rename),
// and the set either all or none: every temp file is written first, where a full disk, a missing
// permission or a path blocked by a file fails, and only then are they renamed over their
// targets, in the order given. A rename that still fails puts back what the renames before it
// replaced.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tempPathFor, writeFileAtomic } from './atomic.js';

export interface FileWrite {
  /** relative to the root */
  path: string;
  text: string;
}

/** `ok: false` names the file that could not be written; then no file was changed. */
export async function writeFilesTogether(root: string, files: FileWrite[]): Promise<{ ok: true } | { ok: false; path: string; message: string }> {
  const staged: { target: string; tmp: string; path: string }[] = [];
  // folders made for a new file: gone again with the temp files when the change is given up
  const made: string[] = [];
  const unstage = async () => {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    for (const d of made.reverse()) await rm(d, { recursive: true, force: true });
  };
  for (const f of files) {
    const target = join(root, f.path);
    try {
      const first = await mkdir(dirname(target), { recursive: true });
      if (first !== undefined) made.push(first);
      const tmp = tempPathFor(target);
      staged.push({ target, tmp, path: f.path });
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(f.text);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      await unstage();
      return { ok: false, path: f.path, message: (err as Error).message };
    }
  }
  // what each target held, to put back if a later rename fails (read before any rename)
  const before = await Promise.all(staged.map((s) => readIfExists(s.target).catch(() => undefined)));
  for (let i = 0; i < staged.length; i++) {
    const s = staged[i];
    if (s === undefined) continue;
    try {
      await rename(s.tmp, s.target);
    } catch (err) {
      for (let j = 0; j < i; j++) {
        const done = staged[j];
        const old = before[j];
        if (done === undefined) continue;
        if (old === undefined) await rm(done.target, { force: true });
        else await writeFileAtomic(done.target, old);
      }
      await unstage();
      return { ok: false, path: s.path, message: (err as Error).message };
    }
  }
  return { ok: true };
}

/** File contents, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}
