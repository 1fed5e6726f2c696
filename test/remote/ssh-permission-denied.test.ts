// A server that lets pipe read but not write (SFTP "permission denied"): a push is refused with
// what it was doing and whom to check, exit 2, no stack; a pull from the same folder works.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { objectsDir } from '../../src/stores/layout.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('permission denied on the remote folder: push names it, pull still works', async () => {
  const writable = await startSsh();
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  expect((await rig.runWith({ env: sshEnv(writable) }, 'push', '-r', writable.url('/r'))).code).toBe(0);

  const server = await startSsh({ readOnly: true });
  fs.cpSync(path.join(writable.dir, 'r'), path.join(server.dir, 'r'), { recursive: true });
  const env = sshEnv(server);
  const fresh = await rig.runWith({ env }, 'push', '-r', server.url('/new'));
  expect([fresh.code, fresh.stdout, fresh.stderr]).toEqual([2, '', `error: cannot use remote ${server.url('/new')}: permission denied making the folder /new\nhint: check that pipe may read and write /new on 127.0.0.1 (a push also makes folders there) (the remote named by --remote)\n`]);
  rig.write({ 'more.txt': 'm\n' });
  expect((await rig.run('add', 'more.txt')).code).toBe(0);
  const push = await rig.runWith({ env }, 'push', '-r', server.url('/r'));
  expect([push.code, push.stdout]).toEqual([2, '']);
  expect(push.stderr).toMatch(new RegExp(`^error: cannot use remote ${server.url('/r')}: permission denied (making the folder /r/objects/[0-9a-f]{2}|writing /r/objects/[0-9a-f]{2}/\\.tmp-[^ ]+)\nhint: check that pipe may read and write /r on 127\\.0\\.0\\.1 \\(a push also makes folders there\\) \\(the remote named by --remote\\)\n$`));

  fs.rmSync(objectsDir(rig.dir), { recursive: true });
  fs.rmSync(path.join(rig.dir, 'data.txt'));
  const pull = await rig.runWith({ env }, 'pull', '-r', server.url('/r'), 'data.txt');
  expect([pull.code, pull.stderr]).toEqual([0, '']);
  expect(rig.read('data.txt')).toBe('d\n');
});
