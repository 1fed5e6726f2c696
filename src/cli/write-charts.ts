// The last step of every chart command (`pipe plots show/diff`, `pipe exp plot`): write the
// charts as SVG + PNG and one HTML page, say where, and open the page when asked. The charting
// code loads here, lazily, so commands that draw nothing never pay for it.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CliState } from './main.js';
import { reportFailure } from '../experiments/command-support.js';
import { depHolding, outputHolding } from '../experiments/declared.js';
import { problem, type ExpFailure } from '../experiments/failure.js';
import { workspaceDeclarations } from '../experiments/workspace.js';
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
  // --out names a folder: an existing file there is a usage error (exit 2), not a failed write
  if (page.out !== undefined && existsSync(outDir) && !statSync(outDir).isDirectory()) {
    reportFailure(state, problem(`--out ${page.out}: that is a file, not a folder`, { hint: 'give a folder for the charts (it is made if missing)', exitCode: 2 }));
    return false;
  }
  const clash = await intoOutput(page.root, outDir, page);
  if (clash !== undefined) {
    reportFailure(state, clash);
    return false;
  }
  const { writePlots } = await import('../plots/output.js');
  let written: Awaited<ReturnType<typeof writePlots>>;
  try {
    written = await writePlots(outDir, page.title, page.charts);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err; // not an I/O error: a bug
    // a file where the folder (or a folder above it) should be: the path given is wrong, exit 2
    const usage = code === 'EEXIST' || code === 'ENOTDIR';
    reportFailure(state, problem(`cannot write the plots: ${(err as Error).message}`, { where: outDir, hint: 'choose another folder with --out', exitCode: usage ? 2 : 1 }));
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

/**
 * Refused (exit 2) when a file the page writes would land in a path a stage declares as its
 * output (`outs: [plots]`): that out would change, and its next restore would delete the charts;
 * or as its dep (`deps: [plots]`): the stage would run again after every drawing.
 */
async function intoOutput(root: string, outDir: string, page: ChartsPage): Promise<ExpFailure | undefined> {
  // where the files really land: `-o lnk`, a link to a declared out, writes into that out
  const dir = relative(realOrSelf(root), realOrSelf(outDir));
  if (dir === '..' || dir.startsWith(`..${sep}`) || isAbsolute(dir)) return undefined; // outside the project
  const declared = await workspaceDeclarations(root);
  if (declared === undefined) return undefined;
  const shown = dir === '' ? './' : `${dir.split(sep).join('/')}/`;
  const files = ['index.html', ...page.charts.flatMap((c) => [`${c.id}.svg`, `${c.id}.png`])];
  for (const f of files) {
    const path = join(dir, f).split(sep).join('/');
    const out = outputHolding(declared, path);
    if (out === undefined) {
      // a dep changed by every drawing would make its stage run again each time (`deps: [plots]`)
      const dep = depHolding(declared, path);
      if (dep === undefined) continue;
      const what = `dep '${dep.path}' of stage '${dep.stage}'`;
      const message = dep.path === path
        ? `cannot write the charts to ${shown}: ${path} is ${what}`
        : `cannot write the charts to ${shown}: it is ${`${dep.path}/` === shown ? '' : 'inside '}${what}, and writing there would change that dep (the stage would run again)`;
      const hint = page.out === undefined ? 'write them elsewhere with -o DIR (e.g. -o pipe_plots)' : 'give -o a folder that no stage depends on';
      return problem(message, { hint, exitCode: 2 });
    }
    const what = `out '${out.path}' of stage '${out.stage}'`;
    const message = out.path === path
      ? `cannot write the charts to ${shown}: ${path} is ${what}`
      : `cannot write the charts to ${shown}: it is ${`${out.path}/` === shown ? '' : 'inside '}${what}, and writing there would change that out`;
    const hint = page.out === undefined ? 'write them elsewhere with -o DIR (e.g. -o pipe_plots)' : 'give -o a folder that no stage declares as an output';
    return problem(message, { hint, exitCode: 2 });
  }
  return undefined;
}

/** The real path of `p`, or of its nearest existing folder with the rest appended. */
function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    const parent = dirname(p);
    return parent === p ? p : join(realOrSelf(parent), basename(p));
  }
}
