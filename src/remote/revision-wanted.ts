// `pipe push/fetch/pull -a/-T/-A`: the objects other git revisions need, read from their committed
// pipeline.lock and `.pipe` files (src/experiments/revision-needs.ts), as transfer targets that
// name the revision they came from. What the workspace needs already is left out here: it is
// moved, and reported, as the workspace's.
import { posix } from 'node:path';
import { parseLock, parseTrackingFile, type Result } from '../stores/index.js';
import type { ScopeNeeds } from '../experiments/revision-needs.js';
import type { Wanted } from './sync.js';

/**
 * `known`: the hashes the workspace's lock and tracking files name. An unreadable committed file
 * is an error naming it (what it names is unknown, so the transfer would be silently short).
 */
export function revisionWanted(needs: ScopeNeeds, known: ReadonlySet<string>): Result<Wanted[]> {
  const seen = new Set(known);
  const out: Wanted[] = [];
  const add = (w: Wanted): void => {
    if (seen.has(w.hash)) return;
    seen.add(w.hash);
    out.push(w);
  };
  for (const l of needs.locks) {
    const parsed = parseLock(l.text, `${l.path} on ${l.rev}`);
    if (!parsed.ok) return { ok: false, failure: { ...parsed.failure, message: `${parsed.failure.message}; nothing was transferred`, hint: 'fix that commit\'s pipeline.lock, or run the command without -a/-T/-A' } };
    for (const [stage, s] of Object.entries(parsed.value.stages)) {
      for (const o of s.outs) add({ hash: o.hash, stage, path: o.path, target: stage, rev: l.rev, ...(o.hash.endsWith('.dir') ? {} : { size: o.size }) });
    }
  }
  for (const t of needs.tracking) {
    const parsed = parseTrackingFile(t.text, `${t.path} on ${t.rev}`);
    if (!parsed.ok) return { ok: false, failure: { ...parsed.failure, message: `${parsed.failure.message}; nothing was transferred`, hint: 'fix that commit\'s tracking file, or run the command without -a/-T/-A' } };
    const o = parsed.value.out;
    const p = posix.join(posix.dirname(t.path), o.path);
    add({ hash: o.hash, path: p, target: p, rev: t.rev, ...(o.hash.endsWith('.dir') ? {} : { size: o.size }) });
  }
  return { ok: true, value: out };
}

/** `the workspace, 2 branches and 0 tags`: what the scope covered (each flag given, also at 0), for the summary line. */
export function coveredText(needs: ScopeNeeds): string {
  const s = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = ['the workspace'];
  if (needs.branches !== undefined) parts.push(s(needs.branches, 'branch', 'branches'));
  if (needs.tags !== undefined) parts.push(s(needs.tags, 'tag', 'tags'));
  if (needs.commits !== undefined) parts.push(s(needs.commits, 'commit', 'commits'));
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}
