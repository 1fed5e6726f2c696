// `pipe status -c`: one line per output or tracked path the local cache and the remote do not both
// hold whole, saying which command brings them together, then a summary.
import type { CloudEntry, CloudStatus } from '../remote/cloud-status.js';

/** `r`: ` -r <remote>` where the remote came from `-r` (remoteFlag), so the commands named go to it. */
export function cloudLine(e: CloudEntry, r = ''): string {
  const what = e.stage === undefined ? e.path : `${e.path} (${e.stage})`;
  // a copy the remote lists with the wrong size counts as not there; the line says why
  const damaged = e.damaged ? ' (a copy there has the wrong size: damaged)' : '';
  // an output whose `remote:` names another remote: compared with that one, and named
  if (e.remote !== undefined) return cloudLine({ ...e, remote: undefined } as CloudEntry, r).replace(/the remote/g, `the remote ${e.remote} (its \`remote:\`)`);
  if (e.missing) {
    const how = e.stage === undefined ? `\`pipe add ${e.path}\` where the data is, then \`pipe push${r}\`` : `\`pipe commit ${e.stage}\` stores it again where the workspace still holds it (else \`pipe repro -f ${e.stage}\` makes it), then \`pipe push${r}\``;
    return `${what}: in neither the local cache nor the remote${damaged}: ${how}`;
  }
  if (e.push && e.pull) return `${what}: partly only in the local cache, partly only on the remote${damaged}: \`pipe push${r}\` and \`pipe pull${r}\``;
  return e.push ? `${what}: not on the remote${damaged}: \`pipe push${r}\` sends it` : `${what}: not in the local cache: \`pipe pull${r}\` fetches it`;
}

export function cloudSummary(s: CloudStatus, r = ''): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const remote = s.remoteName !== undefined ? `${s.remoteName} (${s.remote})` : s.remote;
  // outputs `push: false` keeps off the remote, and those pinned to another remote than -r's
  const kept = s.keptOff === undefined ? '' : ` ${n(s.keptOff.length, 'output')} only in the local cache, as \`push: false\` keeps ${s.keptOff.length === 1 ? 'it' : 'them'}: ${s.keptOff.map((k) => k.path).join(', ')}.`;
  const away = s.elsewhere === undefined ? '' : ` Not compared: ${s.elsewhere.map((e) => `${e.path} (\`remote: ${e.remote}\`)`).join(', ')}.`;
  // the entries compared with the remote their `remote:` names are out of sync with that one
  const routed = [...new Set(s.entries.flatMap((e) => (e.remote === undefined ? [] : [e.remote])))];
  const with_ = routed.length === 0 ? '' : ` (${routed.map((name) => `${s.entries.filter((e) => e.remote === name).length} of them with ${name}, their \`remote:\``).join('; ')})`;
  return summary(s, r, remote, n, with_) + kept + away;
}

function summary(s: CloudStatus, r: string, remote: string, n: (k: number, one: string, many?: string) => string, routed: string): string {
  if (s.entries.length === 0) return `The local cache and the remote ${remote} are in sync (${n(s.inSync, 'output')}).`;
  const count = (f: (e: CloudEntry) => boolean) => s.entries.filter(f).length;
  const parts = [
    [count((e) => !e.missing && e.push && !e.pull), 'not on the remote'],
    [count((e) => !e.missing && e.pull && !e.push), 'not in the local cache'],
    [count((e) => !e.missing && e.push && e.pull), 'split between them'],
    [count((e) => e.missing), 'in neither'],
  ].filter(([k]) => (k as number) > 0).map(([k, words]) => `${k} ${words}`);
  const made = s.remoteMissing ? ` (it does not exist yet: the first \`pipe push${r}\` makes it)` : '';
  return `${n(s.entries.length, 'output')} out of sync with ${remote}${made}${routed}: ${parts.join(', ')}; ${s.inSync} in sync.`;
}
