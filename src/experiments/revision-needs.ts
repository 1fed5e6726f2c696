// What other git revisions of the project need from the cache: the committed pipeline.lock and
// `.pipe` tracking files of every local branch, remote-tracking branch, tag or commit. Read by
// `pipe gc -a/-T/-A` (what to keep) and `pipe push/fetch/pull -a/-T/-A` (what to move).
import { allCommittedTrackingFiles, allCommittedVersions, commitCount, committedNeeds, refTips, repoPrefix } from './git.js';

export interface TipNeeds {
  name: string;
  commit: string;
  lock: string | undefined;
  tracking: { path: string; text: string }[];
}

/** Each local branch's, tag's or remote-tracking branch's committed needs; undefined outside git or before a commit. */
export async function tipNeeds(root: string, kind: 'heads' | 'tags' | 'remotes'): Promise<TipNeeds[] | undefined> {
  const prefix = await repoPrefix(root);
  if (prefix === undefined) return undefined;
  const tips = await refTips(root, kind);
  if (tips === undefined || (kind === 'heads' && tips.length === 0)) return undefined;
  const out: TipNeeds[] = [];
  for (const t of tips) {
    const needs = await committedNeeds(root, t.commit, prefix);
    if (needs !== undefined) out.push({ name: t.name, commit: t.commit, ...needs });
  }
  return out;
}

export interface RevisionScope {
  /** every local branch and every remote-tracking branch (`origin/x`) whose commit no local branch is at */
  allBranches?: boolean;
  allTags?: boolean;
  /** every commit reachable from any ref */
  allCommits?: boolean;
}

/** A committed file's text and the revision it was read from (`branch x`, `tag v1`, `commit 0123456789`). */
export interface RevisionText {
  rev: string;
  /** the file's path from the project folder */
  path: string;
  text: string;
}

export interface ScopeNeeds {
  locks: RevisionText[];
  tracking: RevisionText[];
  /** how many of each the scope covered; undefined where the scope does not ask for them */
  branches?: number;
  tags?: number;
  commits?: number;
}

/**
 * The committed locks and tracking files `scope` covers, each distinct text once; `flag` (the
 * long option) where the project is not in a git repository with a commit.
 */
export async function scopeNeeds(root: string, scope: RevisionScope): Promise<{ ok: true; value: ScopeNeeds } | { ok: false; flag: string }> {
  const out: ScopeNeeds = { locks: [], tracking: [] };
  const seenLocks = new Set<string>();
  const seenTracking = new Set<string>();
  const addTip = (t: TipNeeds, where: string): void => {
    const rev = `${where} ${t.name}`;
    if (t.lock !== undefined && !seenLocks.has(t.lock)) {
      seenLocks.add(t.lock);
      out.locks.push({ rev, path: 'pipeline.lock', text: t.lock });
    }
    for (const f of t.tracking) {
      if (seenTracking.has(f.text)) continue;
      seenTracking.add(f.text);
      out.tracking.push({ rev, path: f.path, text: f.text });
    }
  };
  if (scope.allBranches === true) {
    const heads = await tipNeeds(root, 'heads');
    if (heads === undefined) return { ok: false, flag: '--all-branches' };
    // a remote-tracking branch at a local branch's commit (or another's) is counted once
    const commits = new Set(heads.map((t) => t.commit));
    const remotes = ((await tipNeeds(root, 'remotes')) ?? []).filter((t) => !commits.has(t.commit) && commits.add(t.commit));
    for (const t of [...heads, ...remotes]) addTip(t, 'branch');
    out.branches = heads.length + remotes.length;
  }
  if (scope.allTags === true) {
    const tags = await tipNeeds(root, 'tags');
    if (tags === undefined) return { ok: false, flag: '--all-tags' };
    for (const t of tags) addTip(t, 'tag');
    out.tags = tags.length;
  }
  if (scope.allCommits === true) {
    const prefix = await repoPrefix(root);
    const versions = prefix === undefined ? undefined : await allCommittedVersions(root, `${prefix}pipeline.lock`);
    const tracking = prefix === undefined || versions === undefined ? undefined : await allCommittedTrackingFiles(root, prefix);
    const count = versions === undefined ? undefined : await commitCount(root);
    if (versions === undefined || tracking === undefined || count === undefined || count === 0) return { ok: false, flag: '--all-commits' };
    for (const v of versions) {
      if (seenLocks.has(v.text)) continue;
      seenLocks.add(v.text);
      out.locks.push({ rev: `commit ${v.commit.slice(0, 10)}`, path: 'pipeline.lock', text: v.text });
    }
    for (const t of tracking) {
      if (seenTracking.has(t.text)) continue;
      seenTracking.add(t.text);
      out.tracking.push({ rev: `commit ${t.commit.slice(0, 10)}`, path: t.path, text: t.text });
    }
    out.commits = count;
  }
  return { ok: true, value: out };
}
