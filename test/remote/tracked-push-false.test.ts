// `push: false` on a .pipe file's entry (DVC's .dvc files take it): `pipe push` leaves that data off
// the remote and says so, naming the .pipe file; `pipe status -c` names it apart, not out of sync.
// The key is the user's: writing it leaves the data unmodified for `pipe status`, and `pipe add`
// of a new version keeps it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

/** The contents of the objects under the remote's objects/ folder, sorted; [] where it has none. */
function held(remote: string): string[] {
  const dir = path.join(remote, 'objects');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8')).sort();
}

test('push: false in a .pipe file keeps that data off the remote', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': `remote: ${remote}\n`, 'big.bin': 'big\n', 'small.txt': 'small\n' });
  const env = { env: { PIPE_REMOTE: '' } };
  expect((await rig.run('add', 'big.bin', 'small.txt')).code).toBe(0);
  rig.write({ 'big.bin.pipe': rig.read('big.bin.pipe').replace(/nfiles: 1\n/, 'nfiles: 1\n    push: false\n') });
  const edited = rig.read('big.bin.pipe');
  expect(edited).toContain('    push: false\n');
  // the data is as recorded: the key is no change to it
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);

  const pushed = await rig.runWith(env, 'push');
  expect(pushed.code).toBe(0);
  expect(pushed.stdout).toBe(`pushed 1 object (6 B) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`);
  expect(pushed.stderr).toBe('note: not pushed: 1 output marked `push: false` in big.bin.pipe (big.bin)\n');
  expect(held(remote)).toEqual(['small\n']);
  // named as a target, too
  const named = await rig.runWith(env, 'push', 'big.bin');
  expect([named.code, named.stderr]).toEqual([0, 'note: not pushed: 1 output marked `push: false` in big.bin.pipe (big.bin)\n']);
  expect(held(remote)).toEqual(['small\n']);

  const cloud = await rig.runWith(env, 'status', '-c');
  expect([cloud.code, cloud.stderr]).toEqual([0, '']);
  expect(cloud.stdout).toBe(`The local cache and the remote ${remote} are in sync (1 output). 1 output only in the local cache, as \`push: false\` keeps it: big.bin.\n`);

  // a new version added: the key stays
  rig.write({ 'big.bin': 'bigger\n' });
  expect((await rig.run('add', 'big.bin')).code).toBe(0);
  expect(rig.read('big.bin.pipe')).toContain('    push: false\n');
  expect(rig.read('big.bin.pipe')).not.toBe(edited);
  const again = await rig.runWith(env, 'push');
  expect([again.code, again.stderr]).toEqual([0, 'note: not pushed: 1 output marked `push: false` in big.bin.pipe (big.bin)\n']);
  expect(held(remote)).toEqual(['small\n']);
});
