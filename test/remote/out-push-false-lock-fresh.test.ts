// `push: false` and `remote:` are transfer settings, not stage inputs: adding them to a stage that
// has run leaves it up to date (no rerun, no stale lock).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('adding push: false and remote: to an output keeps its stage up to date', async () => {
  const cmd = JSON.stringify(counted('make', 'echo big > big.bin'));
  const rig = makeRig({ 'pipeline.yaml': `stages:\n  make:\n    cmd: ${cmd}\n    outs: [big.bin]\n` });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const lock = rig.read('pipeline.lock');
  rig.write({ 'pipeline.yaml': `stages:\n  make:\n    cmd: ${cmd}\n    outs:\n      - big.bin: {push: false, remote: backup}\n` });
  const status = await rig.run('status');
  expect([status.code, status.stderr]).toEqual([0, '']);
  expect(status.stdout).toBe('Everything is up to date.\n');
  const again = await rig.run('repro', '--no-record');
  expect(again.code).toBe(0);
  expect(rig.count('make')).toBe(1);
  expect(rig.read('pipeline.lock')).toBe(lock);
});
