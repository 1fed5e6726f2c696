// How a transfer routes the outputs (and tracked data) that carry `push: false` or `remote:` (out-routes.ts): which
// go to the transfer's remote, which to the remote their `remote:` names, which are left out.
import type { Result, StoreFailure } from '../stores/index.js';
import type { SourceLocation } from '../engine/failure.js';
import { closestName } from '../engine/suggest.js';
import { PROJECT_CONFIG_FILE } from '../stores/project-config.js';
import { readRemoteLayers } from './remote-layers.js';
import { resolveRemoteSpec, type RemoteSpec } from './config.js';
import type { OutRoute, OutRoutes } from './out-routes.js';

/** Where an output's objects go in a transfer. */
export type Destination = { to: 'main' } | { to: 'named'; name: string } | { to: 'elsewhere'; name: string };

export interface Routing {
  /** the named remotes outputs are routed to, other than the transfer's own */
  specs: Map<string, RemoteSpec>;
  destination(path: string | undefined): Destination;
  /** `push: false` on that output */
  pushOff(path: string | undefined): boolean;
  /** the file that gives that output its route: its .pipe file for tracked data, else pipeline.yaml */
  declaredIn(path: string): string;
}

/**
 * The routing of a transfer whose remote is `mainName` (its name in `remotes:`, where it has one);
 * `explicit`: `-r` was given. Every `remote:` in pipeline.yaml (and the .pipe files) must name a remote of `remotes:`,
 * whichever outputs the transfer covers: a misspelt name is an error at its line, not a surprise
 * on the day that output is pushed.
 */
export function planRouting(root: string, routes: OutRoutes | undefined, mainName: string | undefined, explicit: boolean): Result<Routing> {
  const specs = new Map<string, RemoteSpec>();
  const pinned = [...(routes ?? new Map<string, OutRoute>()).entries()].filter(([, r]) => r.remote !== undefined);
  if (pinned.length > 0) {
    const layers = readRemoteLayers(root);
    if (!layers.ok) return layers;
    const known = layers.value.remotes.map((r) => r.name);
    for (const [path, r] of pinned) {
      const { name, location } = r.remote!;
      if (!known.includes(name)) return { ok: false, failure: unknownRemote(path, name, location, known, r.declaredIn !== undefined) };
      if (name === mainName || specs.has(name) || explicit) continue;
      const spec = resolveRemoteSpec(root, name);
      if (!spec.ok) return spec;
      specs.set(name, spec.value);
    }
  }
  return {
    ok: true,
    value: {
      specs,
      destination(path) {
        const name = path === undefined ? undefined : routes?.get(path)?.remote?.name;
        if (name === undefined || name === mainName) return { to: 'main' };
        return explicit ? { to: 'elsewhere', name } : { to: 'named', name };
      },
      pushOff: (path) => path !== undefined && routes?.get(path)?.push === false,
      declaredIn: (path) => routes?.get(path)?.declaredIn ?? 'pipeline.yaml',
    },
  };
}

function unknownRemote(path: string, name: string, location: SourceLocation, known: string[], tracked: boolean): StoreFailure {
  const where = `${location.file}:${location.line}:${location.col}`;
  const names = known.length > 0 ? `known remotes: ${known.join(', ')}` : `${PROJECT_CONFIG_FILE} names no remote`;
  const near = closestName(name, known);
  return {
    code: 'remote-config',
    message: `${where}: ${tracked ? 'tracked data' : 'output'} '${path}' names remote '${name}', which is not in \`remotes:\` (${names})${near === undefined ? '' : `: did you mean '${near}'?`}`,
    hint: '`pipe remote add <name> <url>` names one; `pipe remote list` lists them',
    location,
  };
}
