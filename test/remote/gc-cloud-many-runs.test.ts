// `pipe gc -c` on an s3:// remote holding 200 run-cache entries, half of them also in the local
// run-cache (judged from that copy where the listing's MD5 matches it, without a GET): the entries
// it keeps and removes are exactly those whose outputs stay whole on the remote, whichever copy
// was read. A remote entry that is damaged while the local one of the same name is sound is read
// from the remote (its MD5 differs) and removed, as a gc that reads every entry removes it. The
// test's S3 server counts the GETs: only the entries without a local copy are read.
import crypto from 'node:crypto';
import { expect, test } from 'vitest';
import { encodeRunEntry, RunCache, type RunEntry } from '../../src/stores/index.js';
import { pushedVersions } from './gc-cloud-helpers.js';
import { BUCKET, startS3 } from './s3-server.js';

const prefix = 'team/project';
const remote = `s3://${BUCKET}/${prefix}`;
const sha = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');
const runKey = (key: string, id: string): string => `${prefix}/runs/${key.slice(0, 2)}/${key.slice(2)}/${id}`;

test('gc -c keeps and removes exactly the run entries whose outputs do or do not stay whole, local copy or not', { timeout: 180_000 }, async () => {
  const s3 = await startS3();
  const rig = await pushedVersions(['one\n'], `remote: ${remote}\n`, s3.env);
  const runsUnder = async (): Promise<string[]> => (await s3.keys()).filter((k) => k.startsWith(`${prefix}/runs/`));
  const pushed = await runsUnder();
  expect(pushed).toHaveLength(1);
  const current = new RunCache(rig.dir).list().map((r) => new RunCache(rig.dir).readEntry(r.key, r.id))[0]!.outs;

  const local = new RunCache(rig.dir);
  const puts: [string, string][] = [];
  const kept = [...pushed];
  let strayBytes = 0;
  for (let i = 0; i < 200; i++) {
    let outs: RunEntry['outs'];
    if (i % 4 === 0) outs = { 'out.txt': current['out.txt']! };
    else if (i % 4 === 1) outs = { d: current.d! };
    else if (i % 4 === 2) {
      const stray = sha(`stray ${i}`);
      puts.push([`${prefix}/objects/${stray.slice(0, 2)}/${stray.slice(2)}`, `stray ${i}\n`]);
      strayBytes += `stray ${i}\n`.length;
      outs = { 'out.txt': { hash: stray, size: 10, nfiles: 1 } };
    } else outs = { 'out.txt': { hash: sha(`never pushed ${i}`), size: 10, nfiles: 1 } };
    const entry: RunEntry = { stage: 'up', outs, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() };
    const { text, id } = encodeRunEntry(entry);
    const key = sha(`key ${i % 60}`);
    if (i < 100) await local.put(key, entry);
    puts.push([runKey(key, id), text]);
    if (i % 4 < 2) kept.push(runKey(key, id));
  }
  // sound here, damaged on the remote: its outputs stay whole, yet it goes
  const sound: RunEntry = { stage: 'up', outs: { 'out.txt': current['out.txt']! }, createdAt: '2025-06-01T00:00:00.000Z' };
  const soundKey = sha('damaged there');
  await local.put(soundKey, sound);
  puts.push([runKey(soundKey, encodeRunEntry(sound).id), '{"v": damaged']);
  for (let i = 0; i < puts.length; i += 25) await Promise.all(puts.slice(i, i + 25).map(([k, body]) => s3.put(k, body)));
  kept.sort();

  const dry = await rig.runWith({ env: s3.env }, 'gc', '-w', '-c', '-n');
  expect([dry.code, dry.stderr, dry.stdout.split('\n')[1]]).toEqual([0, '', `Would remove 50 objects (${strayBytes} B) and 101 run-cache entries from the remote ${remote}; 4 objects would be kept there.`]);

  // the entries only the remote holds, and the damaged one, were read; the 100 local ones were not
  const reads = (): string[] => s3.getRequests().filter((k) => k.startsWith(`${prefix}/runs/`));
  expect(new Set(reads()).size).toBe(101);
  expect(reads().filter((k) => k.endsWith(encodeRunEntry(sound).id))).toHaveLength(1);
  const gc = await rig.runWith({ env: s3.env }, 'gc', '-w', '-c', '-f');
  expect([gc.code, gc.stderr, gc.stdout.split('\n')[1]]).toEqual([0, '', `Removed 50 objects (${strayBytes} B) and 101 run-cache entries from the remote ${remote}; 4 objects kept there.`]);
  expect(kept).toHaveLength(101);
  expect(await runsUnder()).toEqual(kept);
});
