// `pipe metrics show [targets...]` and `pipe metrics diff [A] [B] [--targets ...]`: the metrics
// files declared in pipeline.yaml (or the files named), flattened to dotted names; A/B are git
// revisions, experiment ids/names or `workspace`.
import { Option, type Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { CliState } from '../main.js';
import { formatOf, parseNonNegativeInt, projectRoot, reportFailure } from '../../experiments/command-support.js';
import { compare } from '../../experiments/compare.js';
import { WORKSPACE } from '../../experiments/snapshot.js';
import { PARAMS_FILE, readProjectState, workspaceDeclarations, workspaceSource } from '../../experiments/workspace.js';
import { isUnder, missingTargets, targetPaths, targetsNotFound } from '../../experiments/targets.js';
import { diffJson, renderDiff } from '../../experiments/report/diff.js';
import { jsonOutput } from '../../experiments/report/json-output.js';
import type { DiffRow } from '../../experiments/diff.js';
import { renderMetrics } from '../../experiments/report/metrics.js';
import { notes, out } from '../../experiments/report/print.js';
import { filterRows, regexOption } from '../../experiments/name-filter.js';
import { refuse, success, type Outcome } from '../../experiments/failure.js';

interface ShowOptions {
  json?: boolean;
  md?: boolean;
  precision?: number;
}

interface DiffOptions extends ShowOptions {
  all?: boolean;
  /** --targets */
  targets?: string[];
  keep?: RegExp;
  drop?: RegExp;
}

export const register: RegisterCommand = (program, state) => {
  const metrics = program.command('metrics').description('show and compare the metrics files declared in pipeline.yaml');

  metrics
    .command('show')
    .description('every declared metrics file (or the files named), nested keys as dotted names')
    .argument('[targets...]', 'metrics files, or folders of them, to show instead: declared in pipeline.yaml or not (any JSON or YAML file)')
    .addOption(new Option('--json', 'print JSON {path: {key: value}}').conflicts('md'))
    .option('--md', 'print a Markdown table')
    .option('--precision <n>', 'digits after the decimal point (default 5)', parseNonNegativeInt)
    .action(async (typed: string[], opts: ShowOptions) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const targets = typed.length === 0 ? undefined : targetPaths(root.value, process.cwd(), typed);
      if (targets !== undefined && !targets.ok) return reportFailure(state, targets.failure);
      const ws = await readProjectState(workspaceSource(root.value), { metrics: true, lenient: true, ...(targets !== undefined ? { targets: targets.value } : {}) });
      if (!ws.ok) return reportFailure(state, ws.failure);
      const files = ws.value.metrics;
      const broken = new Set(ws.value.broken.map((f) => f.where?.split(':')[0]));
      if (targets === undefined && Object.keys(files).length === 0) notes(['pipeline.yaml declares no metrics files (add `metrics:` to a stage)']);
      // a target that names nothing readable gets an error below instead
      const unfound = targets === undefined ? [] : targetsNotFound(targets.value, Object.keys(files).filter((p) => files[p] !== null || broken.has(p)));
      const missing = Object.entries(files).filter(([p, v]) => v === null && !broken.has(p) && !unfound.some((t) => isUnder(p, t)));
      notes(missing.map(([p]) => `${p}: missing (run \`pipe repro\` to produce it)`));
      const format = formatOf(opts) as 'json' | 'md' | 'text';
      out(renderMetrics(files, format, opts.precision));
      // the files that did not parse: after the others, and the exit code says so
      for (const f of ws.value.broken) reportFailure(state, f);
      // a target that named nothing readable: after the others too, each named (exit 2)
      if (targets !== undefined) {
        const candidates = (await workspaceDeclarations(root.value))?.metrics.map((d) => d.path) ?? [];
        for (const f of missingTargets(root.value, targets.value, files, [...broken].flatMap((p) => (p === undefined ? [] : [p])), ws.value.declared.metrics, candidates, 'metrics')) reportFailure(state, f);
      }
    });

  addDiff(metrics, 'metrics', 'Metric', 'compare metrics between two revisions, experiments or the workspace', state);
};

/** What --keep/--drop match: a row's key, or the key with its file (name-filter.ts). */
const NAMES = {
  metrics: '`accuracy`, `eval:accuracy` or `metrics/eval.json:accuracy`',
  params: '`train.lr`, or `params.yaml:train.lr`',
} as const;
const DROP_EXAMPLE = { metrics: "'^(confusion_matrix|per_class)\\.'", params: "'^ingest\\.'" } as const;

/** One side-by-side comparison: the metrics or the params of A and B, after --keep/--drop. */
interface DiffSection {
  what: 'metrics' | 'params';
  labels: { a: string; b: string };
  same: boolean;
  /** rows --keep/--drop left, changed or not */
  rows: DiffRow[];
  changed: DiffRow[];
  /** rows before --keep/--drop */
  compared: number;
  /** the comparison's own notes (missing files), then --keep/--drop's */
  compareNotes: string[];
  filterNotes: string[];
}

/**
 * Shared by `metrics diff`, `params diff` and `exp diff`, which compares both (`withParams`: the
 * params after the metrics, as `dvc exp diff` lists them; --targets names metrics files there).
 */
export function addDiff(parent: Command, what: 'metrics' | 'params', keyHeader: string, description: string, state: CliState, withParams = false): void {
  const selects = withParams ? `${NAMES.metrics}; \`train.lr\`` : NAMES[what];
  const command = parent
    .command('diff')
    .description(description)
    .argument('[a]', 'experiment id/name (looked up first), git revision, or `workspace`', 'HEAD')
    .argument('[b]', 'experiment id/name (looked up first), git revision, or `workspace`', WORKSPACE)
    .addOption(new Option('--json', withParams ? 'print JSON {metrics: {path: {key: {old, new, diff}}}, params: {...}}' : 'print JSON {path: {key: {old, new, diff}}}').conflicts('md'))
    .option('--md', 'print a Markdown table')
    .option('--all', 'include unchanged rows')
    .option('--keep <regex>', `show only the ${withParams ? 'metrics and params' : what} whose name matches (${selects})`, regexOption)
    .option('--drop <regex>', `hide the ${withParams ? 'metrics and params' : what} whose name matches (e.g. ${DROP_EXAMPLE[what]})`, regexOption)
    .option('--precision <n>', 'digits after the decimal point (default 5)', parseNonNegativeInt);
  command.option(
    '--targets <paths...>',
    what === 'metrics'
      ? 'compare only these metrics files, or folders of them: declared in pipeline.yaml or not (any JSON or YAML file)'
      : 'compare only these params files, or folders of them: params.yaml, files pipeline.yaml names, or any other YAML or JSON file',
  );
  command.action(async (a: string, b: string, opts: DiffOptions) => {
    const root = projectRoot();
    if (!root.ok) return reportFailure(state, root.failure);
    const targets = opts.targets === undefined ? undefined : targetPaths(root.value, process.cwd(), opts.targets);
    if (targets !== undefined && !targets.ok) return reportFailure(state, targets.failure);
    const first = await diffSection(root.value, what, a, b, targets?.value, opts);
    if (!first.ok) return reportFailure(state, first.failure);
    const sections = [first.value];
    if (withParams) {
      const params = await diffSection(root.value, 'params', a, b, undefined, opts);
      if (!params.ok) return reportFailure(state, params.failure);
      sections.push(params.value);
    }
    const { labels, same } = first.value;
    for (const s of sections) notes([...s.compareNotes, ...s.filterNotes]);
    const noun = withParams ? 'metric or param' : what === 'metrics' ? 'metric' : 'param';
    // as `dvc metrics diff`, nothing on stdout when nothing changed; a note says so (unless
    // there was nothing to compare at all: the notes above already say which files are missing)
    if (opts.keep !== undefined && sections.every((s) => s.rows.length === 0) && sections.some((s) => s.compared > 0)) {
      // a --keep that names nothing is a typo more often than a finding
      notes([`--keep ${opts.keep.source} matches no ${noun} of ${labels.a} or ${labels.b}`]);
    } else if (sections.every((s) => s.changed.length === 0) && (sections.some((s) => s.compared > 0) || sections.every((s) => s.compareNotes.length === 0))) {
      const given = [opts.keep !== undefined ? '--keep' : '', opts.drop !== undefined ? '--drop' : ''].filter((o) => o !== '');
      const selected = given.length === 0 ? '' : ` in the ${withParams ? 'metrics and params' : what} that ${given.join(' and ')} ${given.length === 1 ? 'selects' : 'select'}`;
      notes([same ? `no differences: both sides are ${labels.a}${selected}` : `no differences between ${labels.a} and ${labels.b}${selected}`]);
    }
    const format = formatOf(opts) as 'json' | 'md' | 'text';
    const views = sections.map((s) => {
      const view = { rows: opts.all ? s.rows : s.changed, labels, keyHeader: s.what === 'metrics' ? keyHeader : 'Param' };
      return opts.precision === undefined ? view : { ...view, precision: opts.precision };
    });
    if (!withParams) return out(renderDiff(views[0] ?? { rows: [], labels, keyHeader }, format));
    if (format === 'json') return out(`${jsonOutput(Object.fromEntries(sections.map((s, i) => [s.what, diffJson(views[i]?.rows ?? [])])))}\n`);
    // metrics, then params, a blank line between, as DVC prints them
    out(views.map((v) => renderDiff(v, format)).filter((t) => t !== '').join('\n'));
  });
}

async function diffSection(root: string, what: 'metrics' | 'params', a: string, b: string, targets: string[] | undefined, opts: DiffOptions): Promise<Outcome<DiffSection>> {
  const result = await compare(root, what, a, b, targets);
  if (!result.ok) return result;
  // a target found on neither side: named, rather than an empty comparison (exit 2)
  const unfound = targets === undefined ? [] : targetsNotFound(targets, result.value.rows.map((r) => r.path));
  if (unfound.length > 0) {
    const { labels: l } = result.value;
    const which = unfound.map((t) => `'${t}'`).join(', ');
    // no `params show` to list them: the hint names the params files compared without --targets
    const listed = what === 'metrics' ? ' (`pipe metrics show` lists the declared ones)' : `; without --targets, \`pipe params diff\` compares ${await paramsFilesNamed(root)}`;
    return refuse(`no ${what} file under ${which} in ${l.a} or ${l.b}`, { hint: `targets are paths from the current folder, files or folders${listed}`, exitCode: 2 });
  }
  const filtered = filterRows(result.value.rows, opts);
  return success({
    what,
    labels: result.value.labels,
    same: result.value.same,
    rows: filtered.rows,
    changed: filtered.rows.filter((r) => r.changed),
    compared: result.value.rows.length,
    compareNotes: result.value.notes,
    filterNotes: filtered.notes,
  });
}

/** params.yaml and the other params files the workspace's pipeline.yaml names, for a hint. */
async function paramsFilesNamed(root: string): Promise<string> {
  const declared = await workspaceDeclarations(root);
  const files = [PARAMS_FILE, ...(declared?.paramsFiles ?? []).filter((f) => f !== PARAMS_FILE)];
  return files.join(', ');
}
