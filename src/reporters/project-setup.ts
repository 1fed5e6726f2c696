// What `pipe init` and `pipe stage add` / `pipe stage list` print: the project and stages they
// made or found, and the commands to run next.
import { formatLocation, stageOutputs, type Project } from '../engine/index.js';
import type { InitResult } from '../engine/init.js';
import type { StageAddResult } from '../engine/stage-add.js';
import { NO_STAGES } from './dag.js';

/** `pipe init`'s report (stdout): what it wrote, then the next commands. */
export function initText(r: InitResult): string {
  const lines = [`Initialized a pipe project in ${r.root}:`, ...r.created.map((f) => `  created ${f} (no stages yet)`)];
  for (const g of r.gitignored) lines.push(`  ${g}`);
  lines.push(
    'Next:',
    '  pipe stage add -n NAME [-d DEP]... [-o OUT]... COMMAND   add a stage (DVC\'s `dvc stage add`)',
    '  pipe add PATH                                          track data no stage produces',
    '  pipe repro                                             run what changed',
  );
  return `${lines.join('\n')}\n`;
}

/** `pipe init`'s notes (stderr): a project above this one, no git. */
export function initNotes(r: InitResult): string[] {
  const notes: string[] = [];
  if (r.enclosing !== undefined) {
    notes.push(`${r.enclosing} holds a pipeline.yaml too: this folder is now a project of its own (nested), and pipe commands run in it or below it use its pipeline.yaml, not that one`);
  }
  if (r.dvcYaml) {
    notes.push('this folder has a dvc.yaml: pipe reads pipeline.yaml, in a subset of its format; copy its stages into pipeline.yaml (README says what differs), or add them again with `pipe stage add`');
  }
  if (!r.inGit) {
    notes.push(`${r.root} is not in a git repository: commit pipeline.yaml and pipeline.lock with whatever keeps your code; after \`git init\`, \`pipe repro\` adds cache/ and .pipe/ to .gitignore`);
  }
  return notes;
}

/** `pipe stage add`'s line: where the stage went and how to run it. */
export function stageAddedLine(name: string, r: StageAddResult): string {
  const at = r.stage ? ` (${formatLocation(r.stage.location)})` : '';
  return `${r.replaced ? 'Replaced' : 'Added'} stage '${name}'${at}; \`pipe repro ${name}\` runs it`;
}

/** `pipe stage list`: each stage (foreach and matrix items one by one) with its desc, else its outputs. */
export function stageListText(p: Project): string {
  if (p.stages.length === 0) return `${NO_STAGES}\n`;
  const width = Math.max(...p.stages.map((s) => s.name.length));
  return p.stages
    .map((s) => {
      const outs = stageOutputs(s).map((o) => o.path);
      // a desc of several lines: its first, as DVC shows it, so the table stays one line a stage
      const desc = s.desc?.trim().split(/\r?\n/)[0];
      const about = desc ?? (outs.length === 0 ? 'no outputs' : `outputs: ${outs.join(', ')}`);
      return `${s.name.padEnd(width)}  ${about}\n`;
    })
    .join('');
}

/** `pipe stage list --json`. */
export function stageListJson(p: Project): string {
  const stages = p.stages.map((s) => ({
    name: s.name,
    ...(s.desc !== undefined ? { desc: s.desc } : {}),
    cmd: s.cmd,
    ...(s.wdir !== '' ? { wdir: s.wdir } : {}),
    deps: s.deps.map((d) => d.path),
    outputs: stageOutputs(s).map((o) => ({ path: o.path, kind: o.kind, cache: o.cache })),
    location: formatLocation(s.location),
  }));
  return `${JSON.stringify({ stages }, null, 2)}\n`;
}
