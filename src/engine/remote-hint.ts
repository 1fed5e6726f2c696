// Whether a remote is configured (`$PIPE_REMOTE`, or `remote:` in pipe.config.yaml), without going
// to it: an output missing from the local cache is then said to be `pipe pull`'s to fetch, not
// `pipe repro`'s to make again (a teammate's clone after `git pull`). Read only when some output
// is missing from the cache, so a no-op `pipe status` reads nothing more.
import { readProjectConfig } from '../stores/project-config.js';

const known = new Map<string, boolean>();

export function remoteConfigured(root: string): boolean {
  const env = process.env.PIPE_REMOTE;
  if (env !== undefined && env !== '') return true;
  let v = known.get(root);
  if (v === undefined) {
    let config;
    try {
      config = readProjectConfig(root);
    } catch {
      config = undefined; // unreadable: no hint, the config's own readers word that failure
    }
    v = config?.kind === 'ok' && typeof config.data.remote === 'string' && config.data.remote !== '';
    known.set(root, v);
  }
  return v;
}
