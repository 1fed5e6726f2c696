// Ctrl-C in the middle of a download: the command ends with 130 and leaves nothing behind (no
// partial file, no folder made for it, no .pipe file); the next import takes over the lock.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { ENV } from './helpers.js';

test('SIGINT while the body is arriving: exit 130, nothing written', async () => {
  // the server sends half of anything under /objects/, then nothing more
  const server = await startHttp({ stallBodies: true });
  fs.mkdirSync(path.join(server.dir, 'objects'));
  fs.writeFileSync(path.join(server.dir, 'objects/big.bin'), Buffer.alloc(256 * 1024, 7));
  fs.writeFileSync(path.join(server.dir, 'small.txt'), 'ok');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });

  const { child, done } = rig.start(['import-url', `${server.origin}/objects/big.bin`, 'data/new/big.bin'], { env: ENV });
  // wait until the partial download is on disk
  const partial = (): string[] => (fs.existsSync(path.join(rig.dir, 'data/new')) ? fs.readdirSync(path.join(rig.dir, 'data/new')) : []);
  // (the body never ends, so this waits for nothing transient; 5 s of polls were too few for the
  // CLI's start on a loaded machine)
  await waitFor(() => partial().some((n) => n.startsWith('.tmp-') && (fs.statSync(path.join(rig.dir, 'data/new', n), { throwIfNoEntry: false })?.size ?? 0) > 0));
  expect(partial().length).toBe(1);
  child.kill('SIGINT');
  const r = await done;
  expect([r.code, r.stdout, r.stderr]).toEqual([130, '', '']);
  expect(fs.existsSync(path.join(rig.dir, 'data'))).toBe(false);

  const next = await rig.runWith({ env: ENV }, 'import-url', `${server.origin}/small.txt`);
  expect([next.code, next.stderr]).toEqual([0, '']);
});
