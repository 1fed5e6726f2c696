// Renders planned charts and writes them: `<id>.svg` and `<id>.png` per chart plus one
// self-contained `index.html`, each written atomically.
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
  await writeFileAtomic(html, renderPage(title, page));
  return { html, files };
}
