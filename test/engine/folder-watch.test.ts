// The folder watcher through the real CLI (PIPE_WATCH=1: every folder dep, whatever its size):
// a no-op `pipe status` starts the daemon, the next records the daemon's token with the folder's
// hash, and from then on the decisions are exactly the walk's: an edited file, a new directory, a
// file edited inside that new directory, a killed daemon: each is seen, and the stage reruns.
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig, waitFor, type Rig } from '../rig.js';
import { killDaemonsUnder } from '../watch-daemons.js';

const PAST = new Date('2026-01-01T00:00:00Z');
// a generous wait for the daemon's reply: on a loaded machine a late one would read as "walk"
const WATCH = { env: { PIPE_WATCH: '1', PIPE_WATCH_IDLE_S: '60', PIPE_WATCH_TIMEOUT_MS: '10000' } };

const pipeline = `stages:
  count:
    cmd: ${JSON.stringify(counted('count', 'find data -type f | sort | xargs cat | wc -c > out.txt'))}
    deps: [data]
    outs: [out.txt]
`;


function daemonPid(rig: Rig): number | undefined {
  try {
    return (JSON.parse(rig.read('.pipe/watch/daemon.json')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/** The mark the hasher recorded with the folder's hash (`<real path>\n<token>`), if any. */
function watchMark(rig: Rig): string | undefined {
  const trees = (JSON.parse(readFileSync(join(rig.dir, '.pipe/tree-cache.json'), 'utf8')) as { trees: Record<string, { watch?: string }> }).trees;
  return trees.data?.watch;
}

let day = 0;
/**
 * Writes files with an mtime in the past (out of the stat cache's racy window, so walks are
 * recorded), a different one each time (so a walk sees the edit: a stat cache cannot see an edit
 * that keeps size, mtime and inode, with or without a watcher).
 */
function writeOld(rig: Rig, files: Record<string, string>): void {
  rig.write(files);
  const when = new Date(PAST.getTime() + ++day * 86_400_000);
  for (const p of Object.keys(files)) utimesSync(join(rig.dir, p), when, when);
}

async function upToDate(rig: Rig): Promise<void> {
  const r = await rig.runWith(WATCH, 'status');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
}

async function changed(rig: Rig): Promise<void> {
  const r = await rig.runWith(WATCH, 'status');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, "count: would run (dep 'data' changed)\n1 would run.\n", '']);
  expect((await rig.runWith(WATCH, 'repro')).code).toBe(0);
}

test('with the watcher, no-op runs skip the walk and every change is still seen', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  // registered after makeRig's removal of the folder, so it runs before it
  onTestFinished(() => killDaemonsUnder(rig.dir));
  writeOld(rig, { 'data/a/one.txt': '1', 'data/a/two.txt': '22', 'data/b/three.txt': '333' });
  expect((await rig.runWith(WATCH, 'repro')).code).toBe(0);
  expect(rig.count('count')).toBe(1);

  await upToDate(rig); // starts the daemon
  await waitFor(() => daemonPid(rig) !== undefined);
  const firstDaemon = daemonPid(rig);
  await upToDate(rig); // walks once more, recording the token
  const mark = watchMark(rig);
  expect(mark).toMatch(new RegExp(`^${rig.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/data\\n[0-9a-f]{16}:\\d+$`));
  await upToDate(rig); // the token holds: no walk
  expect(watchMark(rig)).toBe(mark);

  writeOld(rig, { 'data/a/one.txt': 'X' }); // same size
  await changed(rig);
  expect(rig.count('count')).toBe(2);
  await upToDate(rig);
  await upToDate(rig);

  writeOld(rig, { 'data/c/deep/four.txt': '4444' }); // a directory made after the daemon started
  await changed(rig);
  await upToDate(rig);
  writeOld(rig, { 'data/c/deep/four.txt': '5555' }); // seen only if that directory is watched
  await changed(rig);
  expect(rig.count('count')).toBe(4);
  await upToDate(rig);
  expect(rig.read('out.txt').trim()).toBe('10');

  // the daemon killed: runs walk again (and start a new one), decisions unchanged
  process.kill(daemonPid(rig) as number, 'SIGKILL');
  writeOld(rig, { 'data/b/three.txt': '33' });
  await changed(rig);
  expect(rig.count('count')).toBe(5);
  await upToDate(rig);
  await waitFor(() => daemonPid(rig) !== undefined && daemonPid(rig) !== firstDaemon);
});
