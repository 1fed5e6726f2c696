// The folder watcher's daemon (dist/bundle/watch-daemon.js, built by `npm test`) with its real
// client: the token for a folder stays put while nothing below it changes and moves on every kind
// of change, including changes in directories created after the daemon started; a folder with a
// symlink inside is refused; one daemon per project; it leaves when the project's state goes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { afterEach, expect, test } from 'vitest';
import { WatchClient } from '../../src/stores/watch-client.js';
import { processAlive as alive, watchLayout } from '../../src/stores/watch-protocol.js';
import { waitFor } from '../rig.js';
import { killDaemonsUnder, processesMentioning } from '../watch-daemons.js';

const DAEMON = fileURLToPath(new URL('../../dist/bundle/watch-daemon.js', import.meta.url));

const temps: string[] = [];
afterEach(async () => {
  // the daemons first: one still running could write into a folder being removed
  for (const dir of temps) await killDaemonsUnder(dir);
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-watch-'));
  temps.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function daemonPid(stateDir: string): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(watchLayout(stateDir).daemonFile, 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/** A fresh client per question, as each run of the CLI is a fresh process. */
function tokenOf(stateDir: string, folder: string): string | undefined {
  // a generous wait for the reply: on a loaded machine a late one would read as "walk"
  const client = WatchClient.forStateDir(stateDir, { setting: 'on', daemonScript: DAEMON, replyTimeoutMs: 10_000 });
  if (client === undefined) throw new Error(`no daemon script at ${DAEMON}: run npm run build`);
  return client.token(fs.realpathSync(folder), 0);
}

/** Starts the daemon (the first question does) and waits for its first token. */
async function startWatching(stateDir: string, folder: string): Promise<string> {
  expect(tokenOf(stateDir, folder)).toBeUndefined(); // no daemon yet: this run walks
  let token: string | undefined;
  await waitFor(() => (token = tokenOf(stateDir, folder)) !== undefined);
  return token as string;
}

function setup(): { root: string; stateDir: string; data: string } {
  const root = tempDir({ 'data/a/one.txt': '1', 'data/a/two.txt': '2', 'data/b/three.txt': '3' });
  return { root, stateDir: path.join(root, '.pipe'), data: path.join(root, 'data') };
}

test('the token holds while nothing changes and moves on every kind of change', async () => {
  const { stateDir, data } = setup();
  let last = await startWatching(stateDir, data);
  expect(last).toMatch(/^[0-9a-f]{16}:\d+$/);
  expect(tokenOf(stateDir, data)).toBe(last);
  expect(tokenOf(stateDir, data)).toBe(last);

  const changes: [string, () => void][] = [
    ['content appended', () => fs.appendFileSync(path.join(data, 'a/one.txt'), 'more')],
    ['mtime only', () => fs.utimesSync(path.join(data, 'a/two.txt'), new Date(), new Date('2020-01-01'))],
    ['file created', () => fs.writeFileSync(path.join(data, 'b/four.txt'), '4')],
    ['file deleted', () => fs.rmSync(path.join(data, 'b/three.txt'))],
    ['directories created', () => fs.mkdirSync(path.join(data, 'c/deep'), { recursive: true })],
    // only seen if the daemon watched the directories created after it started
    ['file in a new directory', () => fs.writeFileSync(path.join(data, 'c/deep/five.txt'), '5')],
    ['edit in a new directory', () => fs.writeFileSync(path.join(data, 'c/deep/five.txt'), '55')],
    ['directory renamed', () => fs.renameSync(path.join(data, 'c'), path.join(data, 'd'))],
    ['edit in the renamed directory', () => fs.appendFileSync(path.join(data, 'd/deep/five.txt'), '5')],
    ['directory deleted and made again', () => {
      fs.rmSync(path.join(data, 'a'), { recursive: true });
      fs.mkdirSync(path.join(data, 'a'));
    }],
    ['file in the new directory of the same name', () => fs.writeFileSync(path.join(data, 'a/six.txt'), '6')],
    ['mode changed', () => fs.chmodSync(path.join(data, 'a/six.txt'), 0o600)],
  ];
  for (const [what, change] of changes) {
    change();
    const now = tokenOf(stateDir, data);
    expect({ what, changed: now !== undefined && now !== last }).toEqual({ what, changed: true });
    expect({ what, steady: tokenOf(stateDir, data) }).toEqual({ what, steady: now });
    last = now as string;
  }
});

test('a folder with a symlink inside is not watched (its walk follows the link elsewhere)', async () => {
  const { stateDir, data } = setup();
  const elsewhere = tempDir({ 'x.txt': 'x' });
  await startWatching(stateDir, data);
  fs.symlinkSync(elsewhere, path.join(data, 'b/linked'));
  expect(tokenOf(stateDir, data)).toBeUndefined();
  fs.rmSync(path.join(data, 'b/linked'));
  expect(tokenOf(stateDir, data)).toMatch(/^[0-9a-f]{16}:\d+$/);
});

test('one daemon per project, and it leaves when the project state is removed', async () => {
  const { stateDir, data } = setup();
  await startWatching(stateDir, data);
  const pid = daemonPid(stateDir) as number;
  // a second start (another run that found no daemon.json a moment ago) gives way to the first
  execFileSync(process.execPath, [DAEMON, stateDir, fs.realpathSync(data)]);
  expect(daemonPid(stateDir)).toBe(pid);
  expect(processesMentioning(stateDir)).toEqual([pid]);
  expect(tokenOf(stateDir, data)).toMatch(new RegExp(`^${JSON.parse(fs.readFileSync(watchLayout(stateDir).daemonFile, 'utf8')).id}:`));

  fs.rmSync(stateDir, { recursive: true, force: true });
  await waitFor(() => !alive(pid), 10_000);
});

test('a killed daemon is replaced: its tokens never match the new one', async () => {
  const { stateDir, data } = setup();
  const first = await startWatching(stateDir, data);
  process.kill(daemonPid(stateDir) as number, 'SIGKILL');
  await waitFor(() => !alive(daemonPid(stateDir) ?? 0));
  const second = await startWatching(stateDir, data);
  expect(second.split(':')[0]).not.toBe(first.split(':')[0]);
});

