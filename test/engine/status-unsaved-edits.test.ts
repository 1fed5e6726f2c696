// `pipe status` says beforehand when a restore from the run-cache will replace an output edited
// by hand (content the cache does not hold), as it does for a restore from the lock; the restore
// moves the edit to .pipe/kept/ first.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a run-cache restore over an edited output is foreseen, then warned', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  up:\n    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
    'in.txt': 'one\n',
  });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two\n' });
  await rig.run('repro');
  // back to the first input, and the output edited by hand meanwhile
  rig.write({ 'in.txt': 'one\n', 'out.txt': 'mine\n' });
  expect((await rig.run('status')).stdout).toBe("up: would be restored from run-cache (dep 'in.txt' changed, out 'out.txt' has edits the cache does not hold (a run would keep it in .pipe/kept/))\n1 would be restored.\n");
  const r = await rig.run('repro');
  const [folder] = readdirSync(join(rig.dir, '.pipe/kept'));
  expect(r.stderr).toBe(
    `warning: up: 'out.txt' held 1 file the cache does not hold (out.txt): moved to .pipe/kept/${folder}/out.txt before putting back the version the run-cache records, instead of overwriting it; copy back what you need (\`cp .pipe/kept/${folder}/out.txt out.txt\`), then delete .pipe/kept/${folder}\n`,
  );
  expect(rig.read(`.pipe/kept/${folder}/out.txt`)).toBe('mine\n');
  expect(rig.read('out.txt')).toBe('ONE\n');
  expect(rig.count('up')).toBe(2);
});
