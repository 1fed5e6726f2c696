// A warm run takes pipeline.yaml, params.yaml and pipeline.lock values from .pipe/yaml-cache.json
// instead of parsing them; failures found after that must still point at the same line and
// column, with the same snippet, as when the text was parsed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = (cmd: string): string =>
  `stages:\n  a:\n    cmd: ${cmd}\n    deps: [in.txt]\n    params: [lr]\n    outs: [out.txt]\n`;

test('the cache is filled by the first run and a no-op run reads it', async () => {
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\n', 'in.txt': 'x', 'pipeline.yaml': pipeline(counted('a', 'cp in.txt out.txt')) });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  const cache = JSON.parse(readFileSync(join(rig.dir, '.pipe', 'yaml-cache.json'), 'utf8')) as { entries: Record<string, string> };
  const values = Object.values(cache.entries).map((j) => JSON.parse(j) as Record<string, unknown>);
  expect(values.some((v) => 'stages' in v && !('schema' in v))).toBe(true); // pipeline.yaml
  expect(values).toContainEqual({ lr: 0.1 }); // params.yaml
  expect(values.some((v) => v.schema === '1')).toBe(true); // pipeline.lock
  // an edited param is a different text: a miss, and the stage reruns with the new value
  rig.write({ 'params.yaml': 'lr: 0.2\n' });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(rig.count('a')).toBe(2);
  expect(rig.read('pipeline.lock')).toContain('lr: 0.2');
});

test('a dep deleted after a cached run is reported at its pipeline.yaml position', async () => {
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\n', 'in.txt': 'x', 'pipeline.yaml': pipeline('cp in.txt out.txt') });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('status')).code).toBe(0);
  rig.remove('in.txt');
  // deleted since the run that pipeline.lock records: the stage is blocked (graph/deleted-dep-status.test.ts)
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    "a: blocked: dep 'in.txt' is missing (pipeline.lock records it from the stage's last run, and no stage produces it): put it back, or take it out of the stage's deps (pipeline.yaml:4:12)\n1 blocked.\n",
  );
});

test('a param removed from params.yaml is reported at its pipeline.yaml position when pipeline.yaml is cached', async () => {
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\n', 'in.txt': 'x', 'pipeline.yaml': pipeline('cp in.txt out.txt') });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'params.yaml': 'rate: 0.1\n' });
  const r = await rig.run('status');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    "error: pipeline.yaml:5:14: param 'lr' listed by stage 'a' is not in params.yaml\n      params: [lr]\n               ^\n",
  );
});

test('a malformed pipeline.lock gives the same located error on every run', async () => {
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\n', 'in.txt': 'x', 'pipeline.yaml': pipeline('cp in.txt out.txt') });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'pipeline.lock': rig.read('pipeline.lock').replace('    cmd:', '    cmnd:') });
  const first = await rig.run('status');
  const second = await rig.run('status');
  expect(first.code).not.toBe(0);
  expect(first.stderr).toContain('pipeline.lock:4:5: stage `a`: unknown key `cmnd`');
  expect(second).toEqual(first);
});
