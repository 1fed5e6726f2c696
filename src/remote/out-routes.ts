// DVC's per-output transfer settings in pipeline.yaml: `push: false` (pipe push leaves the output's
// objects off the remote; pull, fetch and status -c still look for them there) and `remote: NAME`
// (its objects go to and come from that remote of `remotes:` instead of the transfer's). As DVC:
// an output's `remote:` wins over the default remote; with `-r` given, an output pinned to another
// remote is left out of that transfer, and one pinned to the `-r` remote goes there as any other.
// Run-cache entries and their objects keep going to the transfer's remote. This file reads the
// settings (loaded with every command: it imports nothing); route-plan.ts plans a transfer by them.
// Data `pipe add` tracks carries the same two keys on its .pipe file's entry (DVC's .dvc files
// take them there), routed the same way.
import type { SourceLocation } from '../engine/failure.js';

export interface OutRoute {
  push?: false;
  remote?: { name: string; location: SourceLocation };
  /** the .pipe file that says so, for tracked data (absent: pipeline.yaml) */
  declaredIn?: string;
}

/** The routes of the outputs that carry one, by output path (outputs' paths never overlap). */
export type OutRoutes = ReadonlyMap<string, OutRoute>;

export function outRoutes(outputs: readonly { out: { path: string; push?: false; remote?: OutRoute['remote'] } }[]): Map<string, OutRoute> {
  const routes = new Map<string, OutRoute>();
  for (const { out } of outputs) {
    if (out.push === undefined && out.remote === undefined) continue;
    routes.set(out.path, { ...(out.push === false ? { push: false as const } : {}), ...(out.remote !== undefined ? { remote: out.remote } : {}) });
  }
  return routes;
}

/** The routes of tracked data whose .pipe file's entry carries `push: false` or `remote:`, by data path. */
export function trackedRoutes(tracked: readonly { file: string; path: string; transfer?: { push?: false; remote?: string; remoteAt?: { line: number; col: number } } }[]): Map<string, OutRoute> {
  const routes = new Map<string, OutRoute>();
  for (const { file, path, transfer } of tracked) {
    if (transfer === undefined || (transfer.push === undefined && transfer.remote === undefined)) continue;
    const at = transfer.remoteAt ?? { line: 1, col: 1 };
    routes.set(path, {
      declaredIn: file,
      ...(transfer.push === false ? { push: false as const } : {}),
      ...(transfer.remote !== undefined ? { remote: { name: transfer.remote, location: { file, line: at.line, col: at.col } } } : {}),
    });
  }
  return routes;
}
