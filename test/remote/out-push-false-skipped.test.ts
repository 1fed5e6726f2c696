// `push: false` on an output (DVC's): `pipe push` leaves its object off the remote, with the run-cache
// entry that holds it, and says so once, naming it; every other output is pushed as before. `pipe
// status -c` does not count it out of sync (a push would not send it): it names it apart, exit 0.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

const pipeline =
  'stages:\n  make:\n    cmd: echo big > big.bin\n    outs:\n      - big.bin: {push: false}\n  train:\n    cmd: echo model > model.bin\n    outs: [model.bin]\n';

/** The contents of the objects under the remote's objects/ folder, sorted. */
function held(remote: string): string[] {
  const dir = path.join(remote, 'objects');
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8')).sort();
}

test('push: an output marked push: false is not pushed, and the push says so once', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const pushed = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect(pushed.code).toBe(0);
  expect(pushed.stdout).toBe(`pushed 1 object (6 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`);
  expect(pushed.stderr).toBe('note: not pushed: 1 output marked `push: false` in pipeline.yaml (big.bin), nor the run-cache entry holding it\n');
  expect(held(remote)).toEqual(['model\n']);
  expect(fs.readdirSync(path.join(remote, 'runs'), { recursive: true }).filter((f) => String(f).split(path.sep).length === 3)).toHaveLength(1);

  const status = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'status', '-c');
  expect([status.code, status.stderr]).toEqual([0, '']);
  expect(status.stdout).toBe(`The local cache and the remote ${remote} are in sync (1 output). 1 output only in the local cache, as \`push: false\` keeps it: big.bin.\n`);
  expect((await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'status', '-c', '-q')).code).toBe(0);
});
