// `pipe plots show` and `pipe plots diff`: the plots files declared in pipeline.yaml as
// Vega-Lite charts (training curves, confusion matrix) → SVG + PNG per chart and one HTML page.
// The charting code loads lazily (dynamic import) so other commands never pay for it.
import type { RegisterCommand } from './index.js';
import type { CliState } from '../main.js';
import { projectRoot, reportFailure } from '../../experiments/command-support.js';
import { join } from 'node:path';
import { whereIs } from '../../experiments/declared.js';
import { problem, type ExpFailure } from '../../experiments/failure.js';
import { readIfExists } from '../../experiments/files.js';
import { isPlotTemplate, PLOT_TEMPLATES } from '../../engine/plot-templates.js';
import { closestName } from '../../engine/suggest.js';
import { resolveSnapshot, WORKSPACE } from '../../experiments/snapshot.js';
import { failure as printFailure, notes } from '../../experiments/report/print.js';
import type { PlotSide } from '../../plots/charts.js';
import { writeChartsPage } from '../write-charts.js';

interface PlotsOptions {
  out?: string;
  open?: boolean;
}

export const register: RegisterCommand = (program, state) => {
  const plots = program.command('plots').description('render the plots files declared in pipeline.yaml (HTML, SVG, PNG)');

  plots
    .command('show')
    .description('training curves and confusion matrix of the workspace')
    .option('-o, --out <dir>', 'output folder (default: plots/ in the project root)')
    .option('--open', 'open the page in a browser (prints its path when none is available)')
    .action(async (opts: PlotsOptions) => render(state, [WORKSPACE], opts, 'pipe plots'));

  plots
    .command('diff')
    .description('overlay experiments, git revisions or the workspace on the same axes (default: HEAD and workspace)')
    .argument('[revisions...]', 'experiment ids/names (looked up first), git revisions, or `workspace`')
    .option('-o, --out <dir>', 'output folder (default: plots/ in the project root)')
    .option('--open', 'open the page in a browser (prints its path when none is available)')
    .action(async (revs: string[], opts: PlotsOptions) => {
      const sides = revs.length === 0 ? ['HEAD', WORKSPACE] : revs.length === 1 ? [revs[0] as string, WORKSPACE] : revs;
      await render(state, sides, opts, `pipe plots diff: ${sides.join(' vs ')}`);
    });
};

async function render(state: CliState, refs: string[], opts: PlotsOptions, title: string): Promise<void> {
  const root = projectRoot();
  if (!root.ok) return reportFailure(state, root.failure);
  const sides: PlotSide[] = [];
  const options: Record<string, Record<string, unknown>> = {};
  for (const ref of refs) {
    const snap = await resolveSnapshot(root.value, ref, { plots: true }, 'pipe plots diff A B');
    if (!snap.ok) return reportFailure(state, snap.failure);
    notes(snap.value.notes);
    sides.push({ label: snap.value.label, plots: snap.value.state.plots, absent: snap.value.absent });
    for (const d of snap.value.state.declared.plots) options[d.path] ??= d.options;
  }
  // a template no chart is drawn with: refused before anything is drawn (as `pipe repro` refuses it)
  const unknown = await unknownTemplate(root.value, options);
  if (unknown !== undefined) return reportFailure(state, unknown);
  const { planCharts } = await import('../../plots/charts.js');
  const plan = planCharts(sides, options);
  notes(plan.notes);
  if (plan.charts.length === 0) {
    // the failures say why (none declared, files that do not parse): a hint to run repro would mislead
    if (plan.failures.length > 0) {
      for (const f of plan.failures.slice(0, -1)) printFailure(f);
      return reportFailure(state, plan.failures[plan.failures.length - 1]!);
    }
    return reportFailure(state, problem('no plots data to draw', { hint: 'run `pipe repro` to produce the plots files declared in pipeline.yaml' }));
  }
  for (const f of plan.failures) printFailure(f);
  const written = await writeChartsPage(state, { root: root.value, ...opts, title, charts: plan.charts });
  if (written && plan.failures.length > 0) state.exitCode = 1;
}

/** The first plots entry naming a template pipe does not draw, as a failure at its line. */
async function unknownTemplate(root: string, options: Record<string, Record<string, unknown>>): Promise<ExpFailure | undefined> {
  for (const [path, opts] of Object.entries(options)) {
    const t = opts.template;
    if (typeof t !== 'string' || isPlotTemplate(t)) continue;
    const near = closestName(t, PLOT_TEMPLATES);
    const where = whereIs((await readIfExists(join(root, 'pipeline.yaml'))) ?? '', 'template', t);
    return problem(`unknown template '${t}' for ${path}${near === undefined ? '' : `: did you mean '${near}'?`} (known: ${PLOT_TEMPLATES.join(', ')})`, { where, exitCode: 2 });
  }
  return undefined;
}
