// `pipe plots show [targets...]` and `pipe plots diff [--targets ...]`: the plots files declared in
// pipeline.yaml (or the files named) as Vega-Lite charts (training curves, confusion matrix) →
// SVG + PNG per chart and one HTML page.
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
import { isUnder, missingTargets, targetPaths, targetsNotFound } from '../../experiments/targets.js';
import { workspaceDeclarations } from '../../experiments/workspace.js';

interface PlotsOptions {
  out?: string;
  open?: boolean;
  /** `plots diff --targets` */
  targets?: string[];
}

export const register: RegisterCommand = (program, state) => {
  const plots = program.command('plots').description('render the plots files declared in pipeline.yaml (HTML, SVG, PNG)');

  plots
    .command('show')
    .description('training curves and confusion matrix of the workspace (or of the files named)')
    .argument('[targets...]', 'plots files, or folders of them, to draw instead: declared in pipeline.yaml (with their options) or not (any JSON, YAML, CSV or TSV file of rows)')
    .option('-o, --out <dir>', 'output folder (default: plots/ in the project root)')
    .option('--open', 'open the page in a browser (prints its path when none is available)')
    .action(async (targets: string[], opts: PlotsOptions) => render(state, [WORKSPACE], { ...opts, ...(targets.length > 0 ? { targets } : {}) }, 'pipe plots'));

  plots
    .command('diff')
    .description('overlay experiments, git revisions or the workspace on the same axes (default: HEAD and workspace)')
    .argument('[revisions...]', 'experiment ids/names (looked up first), git revisions, or `workspace`')
    .option('-o, --out <dir>', 'output folder (default: plots/ in the project root)')
    .option('--open', 'open the page in a browser (prints its path when none is available)')
    .option('--targets <paths...>', 'draw only these plots files, or folders of them: declared in pipeline.yaml or not (give the revisions first)')
    .action(async (revs: string[], opts: PlotsOptions) => {
      const sides = revs.length === 0 ? ['HEAD', WORKSPACE] : revs.length === 1 ? [revs[0] as string, WORKSPACE] : revs;
      await render(state, sides, opts, `pipe plots diff: ${sides.join(' vs ')}`);
    });
};

async function render(state: CliState, refs: string[], opts: PlotsOptions, title: string): Promise<void> {
  const root = projectRoot();
  if (!root.ok) return reportFailure(state, root.failure);
  const targets = opts.targets === undefined ? undefined : targetPaths(root.value, process.cwd(), opts.targets);
  if (targets !== undefined && !targets.ok) return reportFailure(state, targets.failure);
  const sides: PlotSide[] = [];
  const options: Record<string, Record<string, unknown>> = {};
  for (const ref of refs) {
    const snap = await resolveSnapshot(root.value, ref, { plots: true, ...(targets !== undefined ? { targets: targets.value } : {}) }, 'pipe plots diff A B');
    if (!snap.ok) return reportFailure(state, snap.failure);
    notes(snap.value.notes);
    sides.push({ label: snap.value.label, plots: snap.value.state.plots, absent: snap.value.absent });
    for (const d of snap.value.state.declared.plots) options[d.path] ??= d.options;
  }
  // a target that names nothing to draw: refused, each named, before anything is drawn (exit 2)
  if (targets !== undefined) {
    // `show` draws the workspace alone: its targets are named one by one
    const unfound = await unfoundTargets(root.value, targets.value, sides, refs.length === 1 ? sides[0] : undefined);
    if (unfound.length > 0) {
      for (const f of unfound.slice(0, -1)) printFailure(f);
      return reportFailure(state, unfound[unfound.length - 1]!);
    }
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

/**
 * The targets no side has a plots file under: for `show` (one side, the workspace) said as
 * targets.ts says it (not produced yet, a folder without data files, no such path); for `diff`, one
 * failure naming them and the sides.
 */
async function unfoundTargets(root: string, targets: string[], sides: PlotSide[], only: PlotSide | undefined): Promise<ExpFailure[]> {
  const found = sides.flatMap((s) => Object.entries(s.plots).filter(([, rows]) => rows !== null).map(([p]) => p));
  if (only !== undefined) {
    const declared = (await workspaceDeclarations(root))?.plots ?? [];
    const entries = declared.filter((d) => targets.some((t) => isUnder(d.path, t)));
    return missingTargets(root, targets, only.plots, [], entries, declared.map((d) => d.path), 'plots');
  }
  const unfound = targetsNotFound(targets, found);
  if (unfound.length === 0) return [];
  const labels = sides.map((s) => s.label);
  const where = labels.length === 2 ? `${labels[0]} or ${labels[1]}` : `any of ${labels.join(', ')}`;
  return [problem(`no plots file under ${unfound.map((t) => `'${t}'`).join(', ')} in ${where}`, { hint: 'targets are paths from the current folder, files or folders (`pipe plots show` draws the declared ones)', exitCode: 2 })];
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
