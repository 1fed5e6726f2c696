// The plots page in a real browser: headless Chromium loads index.html from disk, its DOM holds
// every chart's <svg> with drawn marks, and its screenshot is not blank. Skipped (with the
// reason) where Debian's `chromium` is not installed.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { pipe, tempDir, writeFiles } from '../experiments/helpers.js';
import { CONFUSION, history, PLOTS_PIPELINE } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`browser check skipped: ${CHROMIUM} not found (install Debian's \`chromium\` package)`);

let dir: string;
let cleanup: () => void;
let page: string;

beforeAll(() => {
  if (!available) return;
  ({ dir, cleanup } = tempDir('pipe-browser-'));
  writeFiles(dir, { 'pipeline.yaml': PLOTS_PIPELINE, 'metrics/train_history.json': history(6), 'metrics/confusion.json': CONFUSION });
  const r = pipe(dir, 'plots', 'show');
  expect(r.code).toBe(0);
  page = join(dir, 'plots', 'index.html');
});
afterAll(() => cleanup?.());

function chromium(profile: string, ...args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(
    CHROMIUM,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${join(dir, profile)}`,
      ...args, `file://${page}`,
    ],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
}

test.skipIf(!available)('the DOM Chromium builds holds 4 chart SVGs, each with drawn marks', () => {
  const r = chromium('profile-dom', '--dump-dom');
  expect(r.status).toBe(0);
  const dom = String(r.stdout);
  const svgs = dom.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  expect(svgs.length).toBe(4);
  for (const svg of svgs) {
    expect(svg).toMatch(/role-mark/);
    // a mark with geometry: a path with a non-empty `d`, or text with content
    expect(svg).toMatch(/aria-roledescription="(line|rect) mark"[^>]* d="M[^"]+"/);
  }
});

test.skipIf(!available)('the screenshot shows the charts (not a blank page)', () => {
  const shot = join(dir, 'shot.png');
  const r = chromium('profile-shot', '--window-size=1400,1200', `--screenshot=${shot}`);
  expect(r.status).toBe(0);
  const png = PNG.sync.read(readFileSync(shot));
  expect([png.width, png.height]).toEqual([1400, 1200]);
  let inked = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r0, g, b] = [png.data[i] ?? 255, png.data[i + 1] ?? 255, png.data[i + 2] ?? 255];
    if (r0 < 200 || g < 200 || b < 200) inked++;
    if (Math.max(r0, g, b) - Math.min(r0, g, b) > 60) coloured++; // chart colours, not just black text
  }
  const pixels = png.width * png.height;
  expect(inked / pixels).toBeGreaterThan(0.02);
  expect(coloured / pixels).toBeGreaterThan(0.005);
});
