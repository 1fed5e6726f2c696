// `pipe doctor --json` is one object with exactly these keys, at every level, in a project and out
// of one (project: null); `--bench` adds `bench` and nothing else.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport, TWO_STAGES } from './helpers.js';

const keys = (o: object): string[] => Object.keys(o).sort();

test('--json has exactly the documented keys', async () => {
  const rig = makeRig({ 'pipeline.yaml': TWO_STAGES, 'pipe.config.yaml': 'remote: ../r\n' });
  const r = await doctorReport(rig);
  expect(keys(r)).toEqual(['backends', 'project', 'system', 'version']);
  expect(keys(r.system)).toEqual(['arch', 'cores', 'cpu', 'git', 'gpus', 'memory', 'node', 'platform']);
  expect(keys(r.system.memory)).toEqual(['free', 'total']);
  expect(keys(r.backends)).toEqual(['packages', 'probeMs', 'train']);
  expect(r.backends.packages.map((p) => p.name)).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm']);
  for (const p of r.backends.packages) expect(keys(p)).toEqual(['backend', 'detail', 'installed', 'loadable', 'name', 'version']);
  expect(keys(r.backends.train)).toEqual(['backend', 'from', 'problem', 'setting', 'skipped', 'threads', 'threadsSetting', 'winograd', 'winogradTile']);
  const p = r.project!;
  expect(keys(p)).toEqual(['cache', 'git', 'pipeignore', 'pipelineError', 'remote', 'remoteProblem', 'root', 'stages']);
  expect(keys(p.cache)).toEqual(['bytes', 'dir', 'objects', 'runEntries']);
  expect(keys(p.remote!)).toEqual(['kind', 'location', 'source', 'url']);
  expect(keys(p.git)).toEqual(['repository', 'top']);

  const outside = makeRig({});
  const o = await doctorReport(outside);
  expect(keys(o)).toEqual(['backends', 'project', 'system', 'version']);
  expect(o.project).toBeNull();
});
