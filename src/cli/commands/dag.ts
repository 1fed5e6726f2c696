// `pipe dag`: prints the stage graph, or with --outs the graph of outputs (a list by default, or
// Mermaid / Markdown-wrapped Mermaid / DOT source).
import { selectStages } from '../../engine/index.js';
import { projectHere } from '../project-here.js';
import { renderDag } from '../../reporters/dag.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('dag')
    .description('show the stage graph')
    .argument('[targets...]', 'only these stages and the stages upstream of them (a foreach or matrix stage\'s name: all its items; `pipeline.yaml:<name>`; an output\'s path: its stage); default: all')
    .option('--mermaid', 'print a Mermaid flowchart')
    .option('--md', 'print the Mermaid flowchart in a Markdown code block (```mermaid), as DVC\'s dag --md')
    .option('--dot', 'print Graphviz DOT')
    .option('--outs', 'the graph of the stages\' outputs: each output with the outputs its stage reads (DVC\'s)')
    .option('--downstream', 'the targets and the stages that depend on them, instead of those they depend on (the stages `pipe repro --downstream` takes)')
    .option('--glob', "the targets are glob patterns on stage names (`'train@*'`)")
    .action((targets: string[], flags: { mermaid?: boolean; md?: boolean; dot?: boolean; outs?: boolean; downstream?: boolean; glob?: boolean }) => {
      const formats = (['mermaid', 'md', 'dot'] as const).filter((f) => flags[f] === true);
      if (formats.length > 1) {
        processOutput.err(`error: choose one of ${formats.map((f) => `--${f}`).join(', ').replace(/, ([^,]*)$/, ' and $1')}\n`);
        state.exitCode = EXIT.usage;
        return;
      }
      const project = projectHere(state);
      if (project === undefined) return;
      let only: string[] | undefined;
      if (targets.length > 0) {
        const selected = selectStages(project, { targets, downstream: flags.downstream === true, glob: flags.glob === true, cwd: process.cwd() });
        if (selected.failures.length > 0) {
          processOutput.err(renderFailures(selected.failures, project.root));
          state.exitCode = EXIT.usage;
          return;
        }
        only = selected.names;
      }
      processOutput.out(renderDag(project, formats[0] ?? 'ascii', only, flags.outs === true));
    });
};
