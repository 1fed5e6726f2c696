// `pipe gc`: removes objects pipeline.lock does not reference and the run-cache entries that
// needed them, and says what it freed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

function files(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  } catch {
    return 0;
  }
}

test('gc keeps what the lock needs and removes older results', async () => {
  const rig = makeRig({
    'in.txt': 'one\n',
    'pipeline.yaml': `stages:
  up:
    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}
    deps: [in.txt]
    outs: [out.txt]
`,
  });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two!\n' });
  await rig.run('repro');
  expect(files(join(rig.dir, 'cache/objects'))).toBe(2);
  expect(files(join(rig.dir, 'cache/runs'))).toBe(2);
  const r = await rig.run('gc');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept.\n');
  expect(files(join(rig.dir, 'cache/objects'))).toBe(1);
  expect(files(join(rig.dir, 'cache/runs'))).toBe(1);
  // what is left still restores
  rig.remove('out.txt');
  expect((await rig.run('repro')).stdout).toBe('up: restored from cache\n1 restored from cache.\n');
  expect((await rig.run('gc')).stdout).toBe('Removed 0 cache objects (0 B) and 0 run-cache entries; 1 object kept.\n');
  // the old input now has to run again: its result was collected
  rig.write({ 'in.txt': 'one\n' });
  await rig.run('repro');
  expect(rig.count('up')).toBe(3);
});
