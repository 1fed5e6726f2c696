// `pipe dag`: prints the stage graph (a list by default, or Mermaid / DOT source).
import { loadProject, locateProject } from '../../engine/index.js';
import { renderDag } from '../../reporters/dag.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('dag')
    .description('show the stage graph')
    .option('--mermaid', 'print a Mermaid flowchart')
    .option('--dot', 'print Graphviz DOT')
    .action((flags: { mermaid?: boolean; dot?: boolean }) => {
      if (flags.mermaid && flags.dot) {
        processOutput.err('error: choose one of --mermaid and --dot\n');
        state.exitCode = EXIT.usage;
        return;
      }
      const located = locateProject(process.cwd());
      const loaded = located.ok ? loadProject(located.root) : { ok: false as const, failures: [located.failure] };
      if (!loaded.ok) {
        processOutput.err(renderFailures(loaded.failures, located.ok ? located.root : undefined));
        state.exitCode = EXIT.usage;
        return;
      }
      processOutput.out(renderDag(loaded.value, flags.mermaid ? 'mermaid' : flags.dot ? 'dot' : 'ascii'));
    });
};
