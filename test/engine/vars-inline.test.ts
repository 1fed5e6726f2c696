// `vars` entries written as mappings in pipeline.yaml (flow or block): their values fill `${...}`;
// as in DVC they are not recorded as params (they are in pipeline.yaml itself), so an edit reruns
// a stage through the cmd or path it changes.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('inline mappings fill ${...}; an edit reruns the stage as a changed cmd', async () => {
  const pipeline = (epochs: number) => `vars:
  - {epochs: ${epochs}, name: x}
  - model:
      layers: [64, 32]
stages:
  s:
    cmd: ${JSON.stringify(counted('s', 'echo ${epochs} ${model.layers} > ${name}.txt'))}
    outs: ["\${name}.txt"]
`;
  const rig = makeRig({ 'pipeline.yaml': pipeline(5) });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('x.txt')).toBe('5 64 32\n');
  expect(rig.read('pipeline.lock')).toContain('    params: {}\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.write({ 'pipeline.yaml': pipeline(6) });
  expect((await rig.run('status')).stdout).toBe('s: would run (cmd changed)\n1 would run.\n');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('x.txt')).toBe('6 64 32\n');
  expect(rig.count('s')).toBe(2);
});
