// An ssh:// remote whose folder does not exist: a pull is refused as for a missing directory
// remote (one error, not one "not on the remote" per object), `status -c` says the first push
// makes it, and a push makes it with its parents. A remote that is a file is not a folder; one
// under a file names that file.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('pull from a missing ssh:// folder is refused; status -c and push make sense of it', async () => {
  const server = await startSsh();
  const url = server.url('/srv/deep/remote');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n', 'pipe.config.yaml': `remote: ${url}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const run = { env: sshEnv(server) };
  const pull = await rig.runWith(run, 'pull');
  expect([pull.code, pull.stdout, pull.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: remote ${url} does not exist\nhint: check \`remote:\` in pipe.config.yaml, or override it with --remote or $PIPE_REMOTE; a new remote is created by the first \`pipe push\`\n`]);
  const status = await rig.runWith(run, 'status', '-c');
  expect([status.code, status.stderr, status.stdout]).toEqual([0, '', `data.txt: not on the remote: \`pipe push\` sends it\n1 output out of sync with ${url} (it does not exist yet: the first \`pipe push\` makes it): 1 not on the remote; 0 in sync.\n`]);
  expect(fs.existsSync(path.join(server.dir, 'srv'))).toBe(false);
  const push = await rig.runWith(run, 'push');
  expect([push.code, push.stderr, push.stdout]).toEqual([0, '', `pushed 1 object (2 B) and 0 run-cache entries to ${url}; already on the remote: 0 objects and 0 run-cache entries\n`]);
  expect(fs.readdirSync(path.join(server.dir, 'srv/deep/remote'))).toEqual(['objects']);
});

test('an ssh:// remote that is a file, or under a file, is refused', async () => {
  const server = await startSsh();
  fs.writeFileSync(path.join(server.dir, 'file'), 'x');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const run = { env: sshEnv(server) };
  const file = await rig.runWith(run, 'push', '-r', server.url('/file'));
  expect([file.code, file.stdout, file.stderr]).toEqual([2, '', `error: remote ${server.url('/file')} is not a directory\nhint: check the path given to --remote (it overrides $PIPE_REMOTE and pipe.config.yaml)\n`]);
  const under = await rig.runWith(run, 'push', '-r', server.url('/file/sub'));
  expect([under.code, under.stdout, under.stderr]).toEqual([2, '', `error: remote ${server.url('/file/sub')} cannot be a directory: /file is not a directory\nhint: check the path given to --remote (it overrides $PIPE_REMOTE and pipe.config.yaml)\n`]);
});
