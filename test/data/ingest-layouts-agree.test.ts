import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ml/data/ingest/run.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

const params = (source: string) => ({ source, layout: 'auto' as const, limit: null, on_bad: 'error' as const });

async function load(source: string) {
  const r = await ingest(params(source));
  if (!r.ok) throw new Error(JSON.stringify(r.failures));
  return r.value;
}

describe('ingest: the layouts give the same dataset', () => {
  it('CSV and PNG folders: identical pixels, labels and usage, in the same order', async () => {
    const root = tempDir();
    await writeFerFixture(join(root, 'png'), { layout: 'png', seed: 3 });
    await writeFerFixture(join(root, 'csv'), { layout: 'csv', seed: 3 });
    const a = await load(join(root, 'png'));
    const b = await load(join(root, 'csv'));
    expect(b.summary.layout).toBe('csv');
    expect(b.dataset.ids.slice(0, 2)).toEqual(['csv:2', 'csv:3']);
    expect([...b.dataset.labels]).toEqual([...a.dataset.labels]);
    expect([...b.dataset.usage]).toEqual([...a.dataset.usage]);
    expect(Buffer.from(b.dataset.pixels).equals(Buffer.from(a.dataset.pixels))).toBe(true);
    expect(b.summary.per_class).toEqual(a.summary.per_class);
  });

  it('JPEG folders: same labels and usage, pixels within JPEG loss', async () => {
    const root = tempDir();
    const small = { seed: 4, trainPerClass: [4, 2, 4, 6, 4, 4, 4] };
    await writeFerFixture(join(root, 'jpg'), { layout: 'jpeg', ...small });
    await writeFerFixture(join(root, 'png'), { layout: 'png', ...small });
    const a = await load(join(root, 'jpg'));
    const b = await load(join(root, 'png'));
    expect(a.dataset.ids[0]).toMatch(/\.jpg$/);
    expect([...a.dataset.labels]).toEqual([...b.dataset.labels]);
    expect([...a.dataset.usage]).toEqual([...b.dataset.usage]);
    let max = 0;
    let sum = 0;
    for (let i = 0; i < a.dataset.pixels.length; i++) {
      const d = Math.abs(a.dataset.pixels[i]! - b.dataset.pixels[i]!);
      max = Math.max(max, d);
      sum += d;
    }
    // quality-95 JPEG of noisy images: a few levels on average, never far off
    expect(sum / a.dataset.pixels.length).toBeLessThan(3);
    expect(max).toBeLessThan(40);
    expect(max).toBeGreaterThan(0);
  });

  it('tolerates spaces around CSV header names, a BOM, CRLF line ends and another column order', async () => {
    const dir = tempDir();
    await writeFerFixture(dir, { layout: 'csv', trainPerClass: [2, 2, 2, 2, 2, 2, 2] });
    const csv = readFileSync(join(dir, 'fer2013.csv'), 'utf8');
    const expected = await load(dir);
    const [, ...rows] = csv.trimEnd().split('\n');
    const reordered = rows.map((r) => {
      const [e, p, u] = r.split(',');
      return `${u} , ${e},${p}`;
    });
    writeFileSync(join(dir, 'fer2013.csv'), '\uFEFF Usage , emotion ,pixels\r\n' + reordered.join('\r\n') + '\r\n');
    const got = await load(dir);
    expect([...got.dataset.labels]).toEqual([...expected.dataset.labels]);
    expect([...got.dataset.usage]).toEqual([...expected.dataset.usage]);
    expect(Buffer.from(got.dataset.pixels).equals(Buffer.from(expected.dataset.pixels))).toBe(true);
  });
});
