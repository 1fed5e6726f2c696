// The project the `pipe gc -c` tests clean a remote of: one stage with a file out and a folder out
// (d/fixed.txt the same object in every version), run on three inputs, each version pushed, so
// the remote holds objects and run-cache entries of versions pipeline.lock no longer records.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { makeRig, type Rig } from '../rig.js';

export const GC_PIPELINE = `stages:
  up:
    cmd: tr a-z A-Z < in.txt > out.txt && mkdir -p d && cp in.txt d/copy.txt && echo fixed > d/fixed.txt
    deps: [in.txt]
    outs: [out.txt, d]
`;

/**
 * A project whose remote (pipe.config.yaml's `remote:`, or none when `config` is given) got a push
 * after each of `inputs`; `env` for each run (an S3 server's).
 */
export async function pushedVersions(inputs: string[], config: string, env: Record<string, string> = {}): Promise<Rig> {
  const rig = makeRig({ 'pipeline.yaml': GC_PIPELINE, 'pipe.config.yaml': config });
  for (const text of inputs) {
    rig.write({ 'in.txt': text });
    const r = await rig.runWith({ env }, 'repro');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const p = await rig.runWith({ env }, 'push');
    expect([p.code, p.stderr]).toEqual([0, '']);
  }
  return rig;
}

/** The object files under a folder remote, relative (`objects/ab/cdef…`). */
export function remoteObjects(remote: string): string[] {
  return files(remote).filter((f) => f.startsWith('objects/'));
}

/** The run-cache entries under a folder remote, relative (`runs/ab/…/<id>`). */
export function remoteRuns(remote: string): string[] {
  return files(remote).filter((f) => f.startsWith('runs/'));
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

/** The objects the local cache holds, as a folder remote names them. */
export function localObjects(rig: Rig): string[] {
  return remoteObjects(path.join(rig.dir, 'cache'));
}
