// `pipe gc --dry-run` (`-n`), alone and with --workspace: says what gc would remove in the words of
// a real run ("Would remove ..."), leaves the cache byte for byte as it was, and its numbers are
// what the real gc then removes.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

// a file out and a directory out; d/fixed.txt is the same object in every run
const pipeline = `stages:
  up:
    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt && mkdir -p d && cp in.txt d/copy.txt && echo fixed > d/fixed.txt'))}
    deps: [in.txt]
    outs: [out.txt, d]
`;

/** Every file under cache/, relative, with its bytes. */
function cache(rig: Rig): Map<string, Buffer> {
  const dir = join(rig.dir, 'cache');
  const out = new Map<string, Buffer>();
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const abs = join(d.parentPath, d.name);
    out.set(abs.slice(dir.length + 1), readFileSync(abs));
  }
  return out;
}

/** What went from `before` to `after`: objects, their bytes, run-cache entries. */
function removed(before: Map<string, Buffer>, after: Map<string, Buffer>): { objects: number; bytes: number; runs: number } {
  const gone = [...before.keys()].filter((k) => !after.has(k));
  const objects = gone.filter((k) => k.startsWith('objects/'));
  return { objects: objects.length, bytes: objects.reduce((n, k) => n + before.get(k)!.length, 0), runs: gone.filter((k) => k.startsWith('runs/')).length };
}

/** Three runs with three inputs, then the record of the second one deleted. */
async function threeRunsOneRecordGone(): Promise<Rig> {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  for (const text of ['one\n', 'two!\n', 'three\n']) {
    rig.write({ 'in.txt': text });
    const r = await rig.run('repro');
    expect([r.code, r.stderr]).toEqual([0, '']);
  }
  const dir = join(rig.dir, 'metrics/experiments');
  const created = (f: string): string => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { created: string }).created;
  const records = readdirSync(dir).sort((a, b) => created(a).localeCompare(created(b)));
  expect(records).toHaveLength(3);
  rmSync(join(dir, records[1]!));
  expect(cache(rig).size).toBe(13); // 3 runs x (out.txt, d's manifest, d/copy.txt) + d/fixed.txt, 3 run entries
  return rig;
}

for (const { name, dry, real, wouldSay, said, counts } of [
  {
    name: 'gc --dry-run',
    dry: ['--dry-run'],
    real: [],
    wouldSay: 'Would remove 3 cache objects (206 B) and 1 run-cache entry; 7 objects would be kept (pipeline.lock and 2 experiments).\n',
    said: 'Removed 3 cache objects (206 B) and 1 run-cache entry; 7 objects kept (pipeline.lock and 2 experiments).\n',
    counts: { objects: 3, bytes: 206, runs: 1 },
  },
  {
    name: 'gc -n -w',
    dry: ['-n', '-w'],
    real: ['-w'],
    wouldSay: 'Would remove 6 cache objects (410 B) and 2 run-cache entries; 4 objects would be kept (pipeline.lock only).\n',
    said: 'Removed 6 cache objects (410 B) and 2 run-cache entries; 4 objects kept (pipeline.lock only).\n',
    counts: { objects: 6, bytes: 410, runs: 2 },
  },
  {
    name: 'gc --workspace --dry-run',
    dry: ['--workspace', '--dry-run'],
    real: ['--workspace'],
    wouldSay: 'Would remove 6 cache objects (410 B) and 2 run-cache entries; 4 objects would be kept (pipeline.lock only).\n',
    said: 'Removed 6 cache objects (410 B) and 2 run-cache entries; 4 objects kept (pipeline.lock only).\n',
    counts: { objects: 6, bytes: 410, runs: 2 },
  },
]) {
  test(`${name} removes nothing and reports exactly what \`${['pipe gc', ...real].join(' ')}\` then removes`, async () => {
    const rig = await threeRunsOneRecordGone();
    const before = cache(rig);
    const r = await rig.run('gc', ...dry);
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', wouldSay]);
    expect(cache(rig)).toEqual(before);
    // twice: still nothing removed, still the same answer
    expect((await rig.run('gc', ...dry)).stdout).toBe(wouldSay);
    expect(cache(rig)).toEqual(before);

    const gc = await rig.run('gc', ...real, '-f');
    expect([gc.code, gc.stderr, gc.stdout]).toEqual([0, '', said]);
    expect(removed(before, cache(rig))).toEqual(counts);
    expect((await rig.run('gc', ...dry)).stdout).toBe(wouldSay.replace(/^Would remove \d+ cache objects \(\d+ B\) and \d+ run-cache entr(y|ies)/, 'Would remove 0 cache objects (0 B) and 0 run-cache entries'));
  });
}
