// `pipe dag`: prints the stage graph (a list by default, or Mermaid / DOT source).
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
    .argument('[targets...]', 'only these stages and the stages upstream of them (a foreach or matrix stage\'s name: all its items); default: all')
    .option('--mermaid', 'print a Mermaid flowchart')
    .option('--dot', 'print Graphviz DOT')
    .option('--downstream', 'the targets and the stages that depend on them, instead of those they depend on (the stages `pipe repro --downstream` takes)')
    .option('--glob', "the targets are glob patterns on stage names (`'train@*'`)")
    .action((targets: string[], flags: { mermaid?: boolean; dot?: boolean; downstream?: boolean; glob?: boolean }) => {
      if (flags.mermaid && flags.dot) {
        processOutput.err('error: choose one of --mermaid and --dot\n');
        state.exitCode = EXIT.usage;
        return;
      }
      const project = projectHere(state);
      if (project === undefined) return;
      let only: string[] | undefined;
      if (targets.length > 0) {
        const selected = selectStages(project, { targets, downstream: flags.downstream === true, glob: flags.glob === true });
        if (selected.failures.length > 0) {
          processOutput.err(renderFailures(selected.failures, project.root));
          state.exitCode = EXIT.usage;
          return;
        }
        only = selected.names;
      }
      processOutput.out(renderDag(project, flags.mermaid ? 'mermaid' : flags.dot ? 'dot' : 'ascii', only));
    });
};
