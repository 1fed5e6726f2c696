// A transport's removeObjects and removeRuns (`pipe gc -c`): removing what is already gone (another
// gc took it, or someone by hand) is no error, for a folder remote and an ssh:// one; what is there
// goes, and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DirTransport } from '../../src/remote/dir-transport.js';
import { SshTransport, parseSshUrl } from '../../src/remote/ssh-transport.js';
import type { Transport } from '../../src/remote/transport.js';
import { snapshot, tempDir, write } from './helpers.js';
import { sshEnv, startSsh } from './ssh-server.js';

const there = 'aa'.padEnd(64, '1');
const gone = 'bb'.padEnd(64, '2');
const other = 'cc'.padEnd(64, '3');
const key = 'dd'.padEnd(64, '4');

/** A remote folder with objects `there` and `other`, and one run entry `e1` under `key`. */
function filled(dir: string): void {
  write(dir, `objects/aa/${there.slice(2)}`, 'a');
  write(dir, `objects/cc/${other.slice(2)}`, 'c');
  write(dir, `runs/dd/${key.slice(2)}/e1`, '{}');
}

async function removeTwice(t: Transport, dir: string): Promise<void> {
  expect((await t.open('write')).ok).toBe(true);
  for (let i = 0; i < 2; i++) {
    await t.removeObjects?.([there, gone]);
    await t.removeRuns?.([{ key, id: 'e1' }, { key, id: 'e2' }]);
  }
  expect(Object.keys(snapshot(dir))).toEqual([`objects/cc/${other.slice(2)}`]);
}

test('a folder remote: removing objects and run entries already gone is no error', async () => {
  const dir = tempDir();
  filled(dir);
  await removeTwice(new DirTransport(dir), dir);
  // the emptied key's folder went with its last entry
  expect(fs.existsSync(path.join(dir, 'runs/dd', key.slice(2)))).toBe(false);
});

test('an ssh:// remote: removing objects and run entries already gone is no error', async () => {
  const server = await startSsh();
  const dir = path.join(server.dir, 'srv/r');
  filled(dir);
  const location = parseSshUrl(server.url('/srv/r'), sshEnv(server));
  if (!location.ok) throw new Error(location.reason);
  const t = new SshTransport(location.value, { env: { ...process.env, ...sshEnv(server) } });
  try {
    await removeTwice(t, dir);
  } finally {
    await t.close();
  }
});
