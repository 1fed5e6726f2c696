// Renders planned charts and writes them: `<id>.svg` and `<id>.png` per chart plus one
// self-contained `index.html`, each written atomically. The charts of the page it replaces that
// the new page does not have are removed after it, so the folder holds what its page shows (it
// kept every chart ever drawn there: a metric since renamed still looked current).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../experiments/files.js';
import type { ChartPlan } from './charts.js';
import { renderPage } from './html.js';
import { svgToPng } from './resvg-adapter.js';
import { specToSvg } from './vega-adapter.js';

export interface WrittenPlots {
  html: string;
  files: string[];
}

export async function writePlots(outDir: string, title: string, charts: ChartPlan[]): Promise<WrittenPlots> {
  const files: string[] = [];
  const page = [];
  for (const c of charts) {
    const svg = await specToSvg(c.spec);
    const png = await svgToPng(svg);
    const svgPath = join(outDir, `${c.id}.svg`);
    const pngPath = join(outDir, `${c.id}.png`);
    await writeFileAtomic(svgPath, svg);
    await writeFileAtomic(pngPath, png);
    files.push(svgPath, pngPath);
    page.push({ id: c.id, title: c.title, source: c.source, svg });
  }
  const html = join(outDir, 'index.html');
  const before = chartIdsOf(html);
  await writeFileAtomic(html, renderPage(title, page));
  const now = new Set(charts.map((c) => c.id));
  for (const id of before) {
    if (now.has(id)) continue;
    for (const ext of ['svg', 'png']) rmSync(join(outDir, `${id}.${ext}`), { force: true });
  }
  return { html, files };
}

/**
 * The chart ids of the page pipe wrote earlier at `html` (each chart is a `<figure id=... class=
 * "chart">` there), none when there is no such page. Only plain file names are taken, so nothing
 * outside the folder can be named.
 */
function chartIdsOf(html: string): string[] {
  let text: string;
  try {
    text = readFileSync(html, 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/<figure id="([A-Za-z0-9_.-]+)" class="chart">/g)].flatMap((m) => (m[1] === undefined || m[1].startsWith('.') ? [] : [m[1]]));
}
