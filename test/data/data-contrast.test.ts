// `npm run data:contrast`: per-usage contrast of an ingested dataset, exact on a tiny one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';
import { PIXELS_PER_IMAGE, writeDataset } from '../../src/ml/data/dataset.js';
import { testTimeLeftMs } from '../processes.js';
import { REPO } from '../rig.js';

/** An image whose pixels alternate between `lo` and `hi` (std (hi - lo) / 2). */
function image(lo: number, hi: number): Uint8Array {
  return Uint8Array.from({ length: PIXELS_PER_IMAGE }, (_, i) => (i % 2 === 0 ? lo : hi));
}

test('per usage: images, mean per-image std, median darkest and brightest pixel, fine detail, sharp images', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-contrast-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  // the last Training image is flat: std 0, no fine detail, not counted as sharp
  const images = [image(100, 140), image(90, 150), image(80, 160), image(128, 128), image(0, 255), image(2, 250)];
  const pixels = new Uint8Array(images.length * PIXELS_PER_IMAGE);
  images.forEach((img, i) => pixels.set(img, i * PIXELS_PER_IMAGE));
  await writeDataset(join(dir, 'dataset'), {
    pixels,
    labels: Uint8Array.from([0, 1, 2, 3, 3, 4]),
    usage: Uint8Array.from([0, 0, 0, 0, 1, 2]),
    ids: ['a', 'b', 'c', 'f', 'd', 'e'],
  });
  const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', tsx, join(REPO, 'scripts/data-contrast.ts'), join(dir, 'dataset')], { encoding: 'utf8', timeout: testTimeLeftMs() });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(
    [
      '| usage | images | mean per-image std | median darkest pixel | median brightest pixel | mean fine detail (Laplacian / std) | fine detail > 0.2 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      // 48 columns alternate lo / hi (rows repeat): each interior |4p - 4 neighbours| is
      // |2p - 2q| = 2 (hi - lo) = 4 std; the flat image adds std 0 and detail 0
      '| Training | 4 | 22.5 | 95 | 145 | 3.000 | 3 |',
      '| PublicTest | 1 | 127.5 | 0 | 255 | 4.000 | 1 |',
      '| PrivateTest | 1 | 124.0 | 2 | 250 | 4.000 | 1 |',
      '',
    ].join('\n'),
  );
});
