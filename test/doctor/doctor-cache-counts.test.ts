// `pipe doctor` counts the cache a repro filled: every object (the files and the folder's
// manifest) with its bytes, and every run-cache entry; temp files left by an interrupted write are
// not objects. Nothing is read or hashed, and the counts agree with the files on disk.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport, TWO_STAGES } from './helpers.js';

/** Every file below `dir`, with its size. */
function filesBelow(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path, size: statSync(path).size };
    });
}

test('objects, bytes and run-cache entries of a cache filled by pipe repro', async () => {
  const rig = makeRig({ 'pipeline.yaml': TWO_STAGES });
  const empty = await doctorReport(rig);
  expect(empty.project!.cache).toEqual({ dir: join(rig.dir, 'cache'), objects: 0, bytes: 0, runEntries: 0 });

  expect((await rig.run('repro')).code).toBe(0);
  const r = await doctorReport(rig);
  const objects = filesBelow(join(rig.dir, 'cache', 'objects'));
  // a.txt, out/x, out/y and out's manifest
  expect(objects.length).toBe(4);
  expect(objects.filter((o) => o.path.endsWith('.dir')).length).toBe(1);
  const manifest = objects.find((o) => o.path.endsWith('.dir'))!;
  expect(r.project!.cache).toEqual({
    dir: join(rig.dir, 'cache'),
    objects: 4,
    bytes: 6 + 2 + 3 + manifest.size,
    runEntries: 2,
  });
  expect(filesBelow(join(rig.dir, 'cache', 'runs')).length).toBe(2);

  // a write interrupted half-way leaves a temp file among the objects: not an object
  const shard = objects[0]!.path.split('/').slice(0, -1).join('/');
  writeFileSync(join(shard, '.tmp-123-abc'), 'partial');
  const text = await rig.run('doctor');
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`  cache: ${join(rig.dir, 'cache')}: 4 objects (${6 + 2 + 3 + manifest.size} B), 2 run-cache entries\n`);
  expect(text.stdout).toContain('  pipeline.yaml: 2 stages\n');
});
