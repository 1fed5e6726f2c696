// `npm run data:spectrum`: the blur between two image sets, through the real script.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import { PIXELS_PER_IMAGE, writeDataset } from '../../src/ml/data/dataset.js';
import { blurImages } from '../../src/ml/data/split/blur.js';
import { createRng } from '../../src/ml/random.js';
import { testTimeLeftMs } from '../processes.js';
import { REPO } from '../rig.js';

let dir = '';

// Training: the PublicTest images blurred by σ 1.3 (as split.sharp_blur would); PrivateTest:
// flat grey, which has no power to compare at any frequency
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipe-spectrum-'));
  const rng = createRng(5);
  const sharp = Uint8Array.from({ length: 20 * PIXELS_PER_IMAGE }, () => 128 + Math.round((rng.next() - 0.5) * 100));
  const pixels = new Uint8Array(42 * PIXELS_PER_IMAGE).fill(128);
  pixels.set(blurImages(sharp, 48, 48, 1.3), 0);
  pixels.set(sharp, 20 * PIXELS_PER_IMAGE);
  await writeDataset(join(dir, 'data', 'dataset'), {
    pixels,
    labels: new Uint8Array(42),
    usage: Uint8Array.from({ length: 42 }, (_, i) => (i < 20 ? 0 : i < 40 ? 1 : 2)),
    ids: Array.from({ length: 42 }, (_, i) => `img${i}`),
  });
  return () => rmSync(dir, { recursive: true, force: true });
});

function spectrum(...args: string[]) {
  const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  return spawnSync(process.execPath, ['--import', tsx, join(REPO, 'scripts/data-spectrum.ts'), ...args], { encoding: 'utf8', cwd: dir, timeout: testTimeLeftMs() });
}

test('finds the σ that blurred the Training images, ring by ring', () => {
  const r = spectrum();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.slice(0, 4)).toEqual([
    'data/dataset:Training (20 images) against data/dataset:PublicTest (20 images)',
    '',
    '| cycles per pixel | power ratio | against SHARP blurred by sigma 1.30 |',
    '| ---: | ---: | ---: |',
  ]);
  // rings 1 .. 24; blurred by the matching σ the sharp images are the blurred ones, exactly
  const rows = lines.slice(4, 28);
  expect(rows.map((l) => l.split(' | ')[0])).toEqual(Array.from({ length: 24 }, (_, k) => `| ${((k + 1) / 48).toFixed(4)}`));
  expect(rows.every((l) => l.endsWith(' | 1.00e+0 |'))).toBe(true);
  expect(lines[28]).toBe('');
  expect(lines[29]).toBe('best-matching blur over 0.0208-0.1250 cycles per pixel: sigma 1.30 pixels (rms log misfit 0.000)');
  expect(lines[30]).toMatch(/^lowest power ratio at 0\.\d{4} cycles per pixel \(\d\.\d\de-\d\)$/);
  expect(lines.length).toBe(31);
});

test('--max-frequency sets the band compared', () => {
  const r = spectrum('data/dataset:Training', 'data/dataset:PublicTest', '--max-frequency', '0.0625');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('best-matching blur over 0.0208-0.0625 cycles per pixel: sigma 1.30 pixels (rms log misfit 0.000)\n');
});

// a usage error ends with the usage line (scripts/script-args.mjs); a set that cannot be read does not
const USAGE = 'usage: npm run data:spectrum -- [BLURRED [SHARP]] [--max-frequency F]\n';

test.each([
  [['data/dataset:Test'], "data:spectrum: 'data/dataset:Test': unknown usage 'Test' (one of Training, PublicTest, PrivateTest)\n"],
  [
    ['nowhere'],
    "data:spectrum: 'nowhere': nowhere: no dataset here (missing dataset.json)\n" +
      '  recreate it by running the stage that writes it (e.g. `npx pipe repro`, or `npx tsx stages/ingest.ts` then `npx tsx stages/split.ts`)\n',
  ],
  [['a', 'b', 'c'], 'data:spectrum: at most two sets (BLURRED and SHARP), got 3: a b c\n' + USAGE],
  [['--max-frequency', '0.7'], "data:spectrum: --max-frequency needs a number of cycles per pixel in (0, 0.5], got '0.7'\n" + USAGE],
  [['--sigma'], "data:spectrum: unknown option '--sigma'\n" + USAGE],
])('refuses %j with exit 2 and says why', (args, message) => {
  const r = spectrum(...args);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(message);
  expect(r.status).toBe(2);
});
