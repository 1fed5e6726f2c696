// The S3 transport lists a prefix page by page (ListObjectsV2 with continuation tokens): with a
// page of 2 keys, every object and run entry of 5 and 3 is found. Only the remote layout counts:
// temp names, stray keys and keys outside the prefix are not objects or entries.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, onTestFinished, test, vi } from 'vitest';
import { S3Transport } from '../../src/remote/index.js';
import { tempDir } from './helpers.js';
import { BUCKET, startS3 } from './s3-server.js';

const hashOf = (i: number): string => `${String(i).repeat(64)}`;

test('listing follows continuation tokens and keeps only the remote layout', async () => {
  const s3 = await startS3();
  for (const [k, v] of Object.entries(s3.env)) vi.stubEnv(k, v); // the SDK reads process.env
  onTestFinished(() => {
    vi.unstubAllEnvs();
  });
  const t = new S3Transport({ bucket: BUCKET, prefix: 'ci/cache' }, { pageSize: 2 });
  expect(await t.open('write')).toEqual({ ok: true });
  const dir = tempDir();
  for (let i = 1; i <= 5; i++) {
    const file = path.join(dir, `f${i}`);
    fs.writeFileSync(file, 'x'.repeat(i));
    await t.putObject(i === 5 ? `${hashOf(i)}.dir` : hashOf(i), file);
  }
  for (let i = 6; i <= 8; i++) await t.putRun(hashOf(i), `entry-${i}`, `{"n":${i}}`);
  // what is not an object or entry: a temp upload, a key off the layout, another prefix
  await s3.put(`ci/cache/objects/11/.tmp-${'1'.repeat(62)}-1-ab`, 'partial');
  await s3.put('ci/cache/objects/README', 'hello');
  await s3.put(`ci/cache/runs/99/${'9'.repeat(62)}/.tmp-x`, '{}');
  await s3.put(`elsewhere/objects/99/${'9'.repeat(62)}`, 'other');

  expect(await t.listObjects()).toEqual(new Map([1, 2, 3, 4, 5].map((i) => [i === 5 ? `${hashOf(i)}.dir` : hashOf(i), { size: i }])));
  expect((await t.listRuns()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([6, 7, 8].map((i) => ({ key: hashOf(i), id: `entry-${i}`, md5: crypto.createHash('md5').update(`{"n":${i}}`).digest('hex') })));

  expect(await t.hasObject(hashOf(3))).toBe(true);
  expect(await t.hasObject(hashOf(9))).toBe(false);
  const dest = path.join(dir, 'got');
  expect(await t.getObject(hashOf(4), dest)).toBe(true);
  expect(fs.readFileSync(dest, 'utf8')).toBe('xxxx');
  expect(await t.getObject(hashOf(9), path.join(dir, 'none'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'none'))).toBe(false);
  expect(await t.getRun(hashOf(7), 'entry-7')).toBe('{"n":7}');
  expect(await t.getRun(hashOf(7), 'entry-9')).toBeUndefined();
});
