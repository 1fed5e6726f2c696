// Shared by the folder-restore tests: a stage whose folder output holds plain files in nested
// folders and one executable file, and what a folder holds, file by file, with the inode and
// mtime that show whether a restore rewrote a file or kept it.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { counted, type Rig } from '../rig.js';

export const PIPELINE = `stages:
  build:
    cmd: ${JSON.stringify(counted('build', "mkdir -p out/sub/deep out/b && echo one > out/one.txt && echo two > out/sub/two.txt && echo three > out/sub/deep/three.txt && echo bee > out/b/bee.txt && printf '#!/bin/sh\\necho hi\\n' > out/tool && chmod +x out/tool"))}
    outs: [out]
`;

export interface Seen {
  /** `file <content>`, `dir`, or `link -> <target>` */
  kind: string;
  ino: number;
  mtimeMs: number;
  /** the owner's x bit */
  exec: boolean;
}

/** Every entry below `folder` (project-relative), by relpath, sorted; folders too. */
export function snapshot(rig: Rig, folder: string): Record<string, Seen> {
  const out: Record<string, Seen> = {};
  const walk = (rel: string): void => {
    const abs = join(rig.dir, folder, rel);
    for (const name of readdirSync(abs).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const p = join(abs, name);
      const st = lstatSync(p);
      const kind = st.isSymbolicLink() ? `link -> ${readlinkSync(p)}` : st.isDirectory() ? 'dir' : `file ${readFileSync(p, 'utf8')}`;
      out[r] = { kind, ino: st.ino, mtimeMs: st.mtimeMs, exec: (st.mode & 0o100) !== 0 };
      if (st.isDirectory()) walk(r);
    }
  };
  walk('');
  return out;
}

/** The snapshot's kinds alone: what a folder holds. */
export function contents(seen: Record<string, Seen>): Record<string, string> {
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.kind]));
}

/** What out/ holds right after the stage ran. */
export const BUILT_CONTENTS: Record<string, string> = {
  b: 'dir',
  'b/bee.txt': 'file bee\n',
  'one.txt': 'file one\n',
  sub: 'dir',
  'sub/deep': 'dir',
  'sub/deep/three.txt': 'file three\n',
  'sub/two.txt': 'file two\n',
  tool: 'file #!/bin/sh\necho hi\n',
};

/** The files of `before` that `after` holds as the very same file: same inode and mtime. */
export function kept(before: Record<string, Seen>, after: Record<string, Seen>): string[] {
  return Object.keys(after)
    .filter((k) => after[k]?.kind.startsWith('file ') && before[k] !== undefined && before[k].ino === after[k].ino && before[k].mtimeMs === after[k].mtimeMs)
    .sort();
}

/** The folders below .pipe/kept/ (what a restore or run kept of content the cache lacked), sorted. */
export function keptFolders(rig: Rig): string[] {
  return rig.exists('.pipe/kept') ? readdirSync(join(rig.dir, '.pipe/kept')).sort() : [];
}

/** The warning a restore gives for the files of folder `out` the cache lacked, copied to `folder` first. */
export function copiedWarning(stage: string, out: string, files: string[], folder: string): string {
  const shown = files.map((f) => `${out}/${f}`).join(', ');
  return `warning: ${stage}: '${out}' held ${files.length} file${files.length === 1 ? '' : 's'} the cache does not hold (${shown}): copied to .pipe/kept/${folder}/${out} before putting back the version pipeline.lock records, instead of overwriting them; copy back what you need (\`cp .pipe/kept/${folder}/${out}/${files[0] ?? ''} ${out}/${files[0] ?? ''}\`), then delete .pipe/kept/${folder}\n`;
}
