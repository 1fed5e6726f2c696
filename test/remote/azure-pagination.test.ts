// The Azure transport lists a prefix page by page: with a page of 2 blobs, every object and run
// entry of 5 and 3 is found. Only the remote layout counts: temp names, stray blobs and blobs
// outside the prefix are not objects or entries. A file over 8 MiB goes up as blocks and comes
// back whole.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { AzureTransport } from '../../src/remote/index.js';
import { tempDir } from './helpers.js';
import { CONTAINER, startAzurite } from './azure-server.js';

const hashOf = (i: number): string => `${String(i).repeat(64)}`;

test('listing follows continuation markers and keeps only the remote layout', async () => {
  const azure = await startAzurite();
  const t = new AzureTransport({ container: CONTAINER, prefix: 'ci/cache' }, { access: { connectionString: azure.connectionString, pageSize: 2 } });
  expect(await t.open('read')).toEqual({ ok: false, reason: 'missing' });
  expect(await t.open('write')).toEqual({ ok: true });
  const dir = tempDir();
  for (let i = 1; i <= 5; i++) {
    const file = path.join(dir, `f${i}`);
    fs.writeFileSync(file, 'x'.repeat(i));
    await t.putObject(i === 5 ? `${hashOf(i)}.dir` : hashOf(i), file);
  }
  for (let i = 6; i <= 8; i++) await t.putRun(hashOf(i), `entry-${i}`, `{"n":${i}}`);
  // what is not an object or entry: a temp upload, a blob off the layout, another prefix
  const put = (key: string, text: string) => azure.container.getBlockBlobClient(key).upload(text, Buffer.byteLength(text));
  await put(`ci/cache/objects/11/.tmp-${'1'.repeat(62)}-1-ab`, 'partial');
  await put('ci/cache/objects/README', 'hello');
  await put(`ci/cache/runs/99/${'9'.repeat(62)}/.tmp-x`, '{}');
  await put(`elsewhere/objects/99/${'9'.repeat(62)}`, 'other');

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

  // 9 MiB: two blocks, committed together
  const big = path.join(dir, 'big');
  const bytes = Buffer.alloc(9 * 1024 ** 2, 7);
  bytes.write('end', bytes.length - 3);
  fs.writeFileSync(big, bytes);
  await t.putObject(hashOf(0), big);
  const back = path.join(dir, 'big-back');
  expect(await t.getObject(hashOf(0), back)).toBe(true);
  expect(fs.readFileSync(back).equals(bytes)).toBe(true);
  const blocks = await azure.container.getBlockBlobClient(`ci/cache/objects/00/${'0'.repeat(62)}`).getBlockList('committed');
  expect(blocks.committedBlocks?.length).toBe(2);
});
