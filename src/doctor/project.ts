// `pipe doctor`'s look at the project it runs in: pipeline.yaml's stage count, the cache's size
// (objects and run-cache entries, counted with one lstat per object: nothing is read or hashed),
// the remote and where it was named (never contacted), git and .pipeignore.
import { existsSync, lstatSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../engine/config.js';
import { formatLocation, type Failure } from '../engine/failure.js';
import { findProjectRoot } from '../engine/root.js';
import { topLevel } from '../experiments/git.js';
import { openTransport, resolveRemoteSpec } from '../remote/config.js';
import { withoutUserinfo } from '../remote/http-transport.js';
import { isTempName } from '../stores/atomic.js';
import { objectsDir, runsDir } from '../stores/layout.js';
import { cacheRoot } from '../stores/cache-location.js';
import { PIPEIGNORE_FILE } from '../stores/pipeignore.js';
import type { CacheInfo, ProjectInfo, RemoteInfo } from './report.js';

export interface ProjectOptions {
  cwd: string;
  /** `--remote` as given, already resolved from cwd (remoteFromCli) */
  remote?: string;
  env?: NodeJS.ProcessEnv;
}

/** The project `cwd` lies in, or null outside any. */
export async function gatherProject(options: ProjectOptions): Promise<ProjectInfo | null> {
  const root = findProjectRoot(options.cwd);
  if (root === undefined) return null;
  const loaded = loadProject(root);
  const remote = describeRemote(root, options.remote, options.env ?? process.env);
  const top = await topLevel(root);
  return {
    root,
    stages: loaded.ok ? loaded.value.stages.length : null,
    pipelineError: loaded.ok ? null : failureLine(loaded.failures),
    cache: countCache(root),
    remote: remote.ok ? remote.value : null,
    remoteProblem: remote.ok ? null : remote.problem,
    git: { repository: top !== undefined, top: top ?? null },
    pipeignore: existsSync(join(root, PIPEIGNORE_FILE)),
  };
}

/** The first failure, in the CLI's words (`pipeline.yaml:3:5: ...`), and how many more there are. */
function failureLine(failures: Failure[]): string {
  const first = failures[0];
  if (first === undefined) return 'does not load';
  const text = first.location ? `${formatLocation(first.location)}: ${first.message}` : first.message;
  return failures.length > 1 ? `${text} (and ${failures.length - 1} more: \`pipe status\` lists them)` : text;
}

function describeRemote(root: string, override: string | undefined, env: NodeJS.ProcessEnv): { ok: true; value: RemoteInfo } | { ok: false; problem: string } {
  const spec = resolveRemoteSpec(root, override, env);
  if (!spec.ok) return { ok: false, problem: spec.failure.message };
  // builds the transport as push would, which checks the URL; opening it is what contacts the remote
  const transport = openTransport(root, spec.value, env);
  const url = withoutUserinfo(spec.value.url);
  if (!transport.ok) return { ok: false, problem: transport.failure.message };
  const location = transport.value.description;
  const kind = location.startsWith('s3://') ? 's3' : /^https?:\/\//i.test(location) ? 'http' : location.startsWith('ssh://') ? 'ssh' : 'directory';
  return { ok: true, value: { url, source: spec.value.source, kind, location: withoutUserinfo(location) } };
}

/** Objects (files under cache/objects/<hh>/) with their bytes, and run-cache entries (cache/runs/<hh>/<key>/<entry>). */
export function countCache(root: string): CacheInfo {
  let objects = 0;
  let bytes = 0;
  const objectsRoot = objectsDir(root);
  for (const shard of dirs(objectsRoot)) {
    for (const entry of list(join(objectsRoot, shard))) {
      if (!entry.isFile() || isTempName(entry.name)) continue;
      try {
        bytes += lstatSync(join(objectsRoot, shard, entry.name)).size;
        objects++;
      } catch {
        // removed meanwhile (a gc running beside doctor)
      }
    }
  }
  let runEntries = 0;
  const runsRoot = runsDir(root);
  for (const shard of dirs(runsRoot)) {
    for (const key of dirs(join(runsRoot, shard))) {
      runEntries += list(join(runsRoot, shard, key)).filter((e) => e.isFile() && !isTempName(e.name)).length;
    }
  }
  return { dir: cacheRoot(root), objects, bytes, runEntries };
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // absent: no cache yet
  }
}

function dirs(dir: string): string[] {
  return list(dir).filter((e) => e.isDirectory()).map((e) => e.name);
}
