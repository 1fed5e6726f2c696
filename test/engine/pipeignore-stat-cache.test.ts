// The stat cache never reuses what it learned about a folder under other .pipeignore rules: the
// tree signature of a walk under rules starts with the hash of the .pipeignore text, and so does
// the folder watcher's mark, since editing .pipeignore (outside the folder) raises no event there.
// Without a .pipeignore both are what they were before it existed (pipeignore-no-file.test.ts).
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig, waitFor, type Rig } from '../rig.js';
import { killDaemonsUnder } from '../watch-daemons.js';

const PAST = new Date('2026-01-01T00:00:00Z');
const NO_WATCH = { env: { PIPE_WATCH: '0' } };
// a generous wait for the daemon's reply: on a loaded machine a late one would read as "walk"
const WATCH = { env: { PIPE_WATCH: '1', PIPE_WATCH_IDLE_S: '60', PIPE_WATCH_TIMEOUT_MS: '10000' } };

const pipeline = `stages:
  count:
    cmd: ${JSON.stringify(counted('count', 'echo ran > out.txt'))}
    deps: [data]
    outs: [out.txt]
`;

function treeEntry(rig: Rig): { sig: string; hash: string; watch?: string } {
  const trees = (JSON.parse(readFileSync(join(rig.dir, '.pipe/tree-cache.json'), 'utf8')) as { trees: Record<string, { sig: string; hash: string; watch?: string }> }).trees;
  return trees.data!;
}

function oldFiles(rig: Rig, files: Record<string, string>): void {
  rig.write(files);
  for (const p of Object.keys(files)) utimesSync(join(rig.dir, p), PAST, PAST);
}

async function status(rig: Rig, options: { env: Record<string, string> }): Promise<string> {
  const r = await rig.runWith(options, 'status');
  expect([r.code, r.stderr]).toEqual([0, '']);
  return r.stdout;
}

const UP_TO_DATE = 'Everything is up to date.\n';
const CHANGED = "count: would run (dep 'data' changed)\n1 would run.\n";

test('a tree signature recorded under other rules is not reused', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  oldFiles(rig, { 'data/a.txt': 'a', 'data/b.log': 'b' });
  await rig.runWith(NO_WATCH, 'repro');
  const bare = treeEntry(rig);

  // rules that hide nothing here: same hash, another signature
  rig.write({ '.pipeignore': '*.tmp\n' });
  expect(await status(rig, NO_WATCH)).toBe(UP_TO_DATE);
  const tmpRules = treeEntry(rig);
  expect(tmpRules.hash).toBe(bare.hash);
  expect(tmpRules.sig).not.toBe(bare.sig);

  // rules that hide b.log, with the listing of the files unchanged on disk: seen
  rig.write({ '.pipeignore': '*.log\n' });
  expect(await status(rig, NO_WATCH)).toBe(CHANGED);
  expect(treeEntry(rig).hash).not.toBe(bare.hash);
  // and back: the first signature and hash again
  rig.remove('.pipeignore');
  expect(await status(rig, NO_WATCH)).toBe(UP_TO_DATE);
  expect(treeEntry(rig)).toEqual(bare);
});

test("the folder watcher's mark names the rules: a .pipeignore edit is seen without any event in the folder", async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, '.pipeignore': '*.tmp\n' });
  // registered after makeRig's removal of the folder, so it runs before it
  onTestFinished(() => killDaemonsUnder(rig.dir));
  oldFiles(rig, { 'data/a.txt': 'a', 'data/b.log': 'b' });
  expect((await rig.runWith(WATCH, 'repro')).code).toBe(0);
  expect(await status(rig, WATCH)).toBe(UP_TO_DATE); // starts the daemon
  await waitFor(() => rig.exists('.pipe/watch/daemon.json'));
  expect(await status(rig, WATCH)).toBe(UP_TO_DATE); // records its token
  const mark = treeEntry(rig).watch;
  expect(mark).toMatch(/\n[0-9a-f]{16}:\d+\n[0-9a-f]{64}$/);
  expect(await status(rig, WATCH)).toBe(UP_TO_DATE); // the token holds
  expect(treeEntry(rig).watch).toBe(mark);

  rig.write({ '.pipeignore': '*.tmp\n*.log\n' });
  expect(await status(rig, WATCH)).toBe(CHANGED);
  expect((await rig.runWith(WATCH, 'repro')).code).toBe(0);
  expect(rig.count('count')).toBe(2);
  expect(await status(rig, WATCH)).toBe(UP_TO_DATE);
});
