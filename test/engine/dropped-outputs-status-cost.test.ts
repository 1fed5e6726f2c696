// Foreseeing the removal of dropped foreach copies' outputs costs the no-op `pipe status`
// nothing: with no dropped copy in pipeline.lock, status hashes each dep and out once, as it did
// before it looked for them. With one dropped: its output (hashed when found, and again when the
// folder holding it is taken without it) and that folder's manifest instead of its hash; the
// stage that would run then has its output hashed too (unrecorded-outs.ts).
import { expect, test } from 'vitest';
import { loadProject } from '../../src/engine/config.js';
import { dryRun } from '../../src/engine/reproduce.js';
import { openStores, type Stores } from '../../src/engine/store-adapter.js';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: mkdir -p members/\${item} && echo \${item} > members/\${item}/m.txt
      outs: ["members/\${item}"]
  gather:
    cmd: cat members/*/m.txt > gathered.txt
    deps: [members]
    outs: [gathered.txt]
`;

/** A whole-pipeline status on stores that log every path hashed. */
async function hashedByStatus(root: string): Promise<{ hashed: string[]; outcomes: string[] }> {
  const loaded = loadProject(root);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.failures));
  const stores: Stores = openStores(root);
  const hashed: string[] = [];
  const { hasher } = stores;
  const plain = hasher.hashPath.bind(hasher);
  const detailed = hasher.hashPathDetailed.bind(hasher);
  hasher.hashPath = (p) => (hashed.push(p), plain(p));
  hasher.hashPathDetailed = (p) => (hashed.push(`${p} (manifest)`), detailed(p));
  const r = await dryRun(loaded.value, loaded.value.graph.order, stores, { wholePipeline: true });
  return { hashed, outcomes: r.stages.map((s) => `${s.name}: ${s.outcome}`) };
}

test('no dropped copy: each dep and out hashed once; one dropped: its output and the manifest of the folder holding it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2, 3]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(await hashedByStatus(rig.dir)).toEqual({
    hashed: ['members/1', 'members/2', 'members/3', 'members', 'gathered.txt'],
    outcomes: ['train@1: up-to-date', 'train@2: up-to-date', 'train@3: up-to-date', 'gather: up-to-date'],
  });

  rig.write({ 'params.yaml': 'seeds: [1, 2]\n' });
  expect(await hashedByStatus(rig.dir)).toEqual({
    // and the output of the stage that would run: does it hold content nothing records (unrecorded-outs.ts)
    hashed: ['members/3', 'members/1', 'members/2', 'members (manifest)', 'members/3', 'gathered.txt'],
    outcomes: ['train@1: up-to-date', 'train@2: up-to-date', 'gather: would-run'],
  });
});
