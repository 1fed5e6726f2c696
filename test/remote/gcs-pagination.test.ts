// The GCS transport lists a prefix page by page (objects.list with pageToken): with a page of 2
// objects, every object and run entry of 5 and 3 is found. Only the remote layout counts: temp
// names, stray objects and objects outside the prefix are not objects or entries.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, onTestFinished, test, vi } from 'vitest';
import { GcsTransport } from '../../src/remote/index.js';
import { tempDir } from './helpers.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

const hashOf = (i: number): string => `${String(i).repeat(64)}`;

test('listing follows page tokens and keeps only the remote layout', async () => {
  const gcs = await startGcs();
  for (const [k, v] of Object.entries(gcs.env)) vi.stubEnv(k, v); // the SDK reads process.env
  onTestFinished(() => {
    vi.unstubAllEnvs();
  });
  const t = new GcsTransport({ bucket: GCS_BUCKET, prefix: 'ci/cache' }, { pageSize: 2 });
  expect(await t.open('read')).toEqual({ ok: false, reason: 'missing' });
  expect(await t.open('write')).toEqual({ ok: true });
  const dir = tempDir();
  for (let i = 1; i <= 5; i++) {
    const file = path.join(dir, `f${i}`);
    fs.writeFileSync(file, 'x'.repeat(i));
    await t.putObject(i === 5 ? `${hashOf(i)}.dir` : hashOf(i), file);
  }
  // a second upload of an object there already: refused by the precondition, taken as sent
  await t.putObject(hashOf(1), path.join(dir, 'f1'));
  for (let i = 6; i <= 8; i++) await t.putRun(hashOf(i), `entry-${i}`, `{"n":${i}}`);
  gcs.put(`ci/cache/objects/11/.tmp-${'1'.repeat(62)}-1-ab`, 'partial');
  gcs.put('ci/cache/objects/README', 'hello');
  gcs.put(`ci/cache/runs/99/${'9'.repeat(62)}/.tmp-x`, '{}');
  gcs.put(`elsewhere/objects/99/${'9'.repeat(62)}`, 'other');

  gcs.requests.length = 0;
  expect(await t.listObjects()).toEqual(new Map([1, 2, 3, 4, 5].map((i) => [i === 5 ? `${hashOf(i)}.dir` : hashOf(i), { size: i }])));
  // 7 objects under ci/cache/objects/, 2 a page: 4 pages, each after the first asking with a token
  expect(gcs.requests.map((r) => /pageToken=/.test(r))).toEqual([false, true, true, true]);
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

  await t.putExpRecord('20261207-120000-abcd.json', '{"id":1}\n');
  gcs.put('ci/cache/exps/.tmp-x.json', '{}');
  expect(await t.listExpRecords()).toEqual(['20261207-120000-abcd.json']);
  expect(await t.getExpRecord('20261207-120000-abcd.json')).toBe('{"id":1}\n');
  expect(await t.getExpRecord('20261207-120000-zzzz.json')).toBeUndefined();
});
