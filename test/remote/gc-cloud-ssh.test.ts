// `pipe gc -w -c -f` with an ssh:// remote (ssh-server.ts: SFTP over a temp folder): the old
// version's objects and run-cache entry go from the served folder, the dry run counts the same,
// and the current version is left whole.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { pushedVersions, remoteObjects, remoteRuns } from './gc-cloud-helpers.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('gc -w -c -f removes the old version from an ssh:// remote', async () => {
  const server = await startSsh();
  const remote = server.url('/srv/pipe/project');
  const served = path.join(server.dir, 'srv/pipe/project');
  const env = sshEnv(server);
  const rig = await pushedVersions(['one\n', 'two!\n'], `remote: ${remote}\n`, env);
  expect([remoteObjects(served).length, remoteRuns(served).length]).toEqual([7, 2]);

  const dry = await rig.runWith({ env }, 'gc', '-w', '-c', '-n');
  expect([dry.code, dry.stderr, dry.stdout.split('\n')[1]]).toEqual([0, '', `Would remove 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects would be kept there.`]);
  expect(remoteObjects(served)).toHaveLength(7);

  const gc = await rig.runWith({ env }, 'gc', '-w', '-c', '-f');
  expect([gc.code, gc.stderr, gc.stdout.split('\n')[1]]).toEqual([0, '', `Removed 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects kept there.`]);
  expect(remoteObjects(served)).toEqual(remoteObjects(path.join(rig.dir, 'cache')));
  expect(remoteRuns(served)).toHaveLength(1);
  expect(fs.readdirSync(served).sort()).toEqual(['objects', 'runs']);
});
