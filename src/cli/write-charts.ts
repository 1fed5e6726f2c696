// The last step of every chart command (`pipe plots show/diff`, `pipe exp plot`): write the
// charts as SVG + PNG and one HTML page, say where, and open the page when asked. The charting
// code loads here, lazily, so commands that draw nothing never pay for it.
import { resolve } from 'node:path';
import type { CliState } from './main.js';
import { reportFailure } from '../experiments/command-support.js';
import { problem } from '../experiments/failure.js';
import { out } from '../experiments/report/print.js';
import type { ChartPlan } from '../plots/charts.js';

export interface ChartsPage {
  /** project root: the page goes to its plots/ unless `out` is given */
  root: string;
  out?: string;
  open?: boolean;
  title: string;
  charts: ChartPlan[];
}

/** Writes the page; false (with the failure reported) when the folder cannot be written. */
export async function writeChartsPage(state: CliState, page: ChartsPage): Promise<boolean> {
  const outDir = page.out !== undefined ? resolve(page.out) : resolve(page.root, 'plots');
  const { writePlots } = await import('../plots/output.js');
  let written: Awaited<ReturnType<typeof writePlots>>;
  try {
    written = await writePlots(outDir, page.title, page.charts);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err; // not an I/O error: a bug
    reportFailure(state, problem(`cannot write the plots: ${(err as Error).message}`, { where: outDir, hint: 'choose another folder with --out' }));
    return false;
  }
  const n = page.charts.length;
  out(`wrote ${written.html} (${n} chart${n === 1 ? '' : 's'}; an SVG and a PNG each in ${outDir})\n`);
  if (page.open) {
    const { openInBrowser } = await import('../plots/open.js');
    if (!openInBrowser(written.html)) out(`no browser opener (xdg-open) found: open ${written.html}\n`);
  }
  return true;
}
