// Imported data travels as added data does: `pipe gc` keeps its object; pushed to a directory
// remote, a fresh git clone (the .pipe file, not the data) gets it back with `pipe pull`, and
// `pipe update` there asks the source it records.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PIPE_BIN } from '../rig.js';
import { git, sha256 } from '../add/helpers.js';
import { tempDir } from '../remote/helpers.js';
import { ENV, importedTrainCsv } from './helpers.js';

/** pipe in a folder that is not the rig's (the clone), without blocking the test's HTTP server. */
const pipe = (cwd: string, ...args: string[]): Promise<[number | null, string, string]> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [PIPE_BIN, ...args], { cwd, env: { ...process.env, ...ENV } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve([code, out, err]));
  });

test('gc keeps it; push, fresh clone, pull; update in the clone', async () => {
  const { rig, url } = await importedTrainCsv();

  const gc = await rig.runWith({ env: ENV }, 'gc', '-f');
  expect(gc.code).toBe(0);
  const hash = sha256('a,b\n');
  expect(rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe(true);

  const outside = tempDir();
  const remote = path.join(outside, 'remote');
  const pushed = await rig.runWith({ env: ENV }, 'push', '-r', remote);
  expect([pushed.code, pushed.stdout]).toEqual([0, `pushed 1 object (4 B) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`]);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'imported');
  const clone = path.join(outside, 'clone');
  git(outside, 'clone', '-q', rig.dir, clone);
  expect(fs.existsSync(path.join(clone, 'data/train.csv'))).toBe(false);
  expect((await pipe(clone, 'pull', '-r', remote))[0]).toBe(0);
  expect(fs.readFileSync(path.join(clone, 'data/train.csv'), 'utf8')).toBe('a,b\n');
  expect(await pipe(clone, 'status')).toEqual([0, 'Everything is up to date.\n', '']);
  expect(await pipe(clone, 'update', 'data/train.csv')).toEqual([0, `data/train.csv: up to date with ${url}\n`, '']);
});
