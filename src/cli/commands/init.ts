// `pipe init` (DVC's `dvc init`): makes the current folder a pipe project (writes pipeline.yaml
// with no stages, keeps cache/, .pipe/ and pipe.config.local.yaml out of git). Exit 2 where
// pipeline.yaml already exists.
// straight from its module, not the engine's index: `pipe status` loads the index, never this
import { initProject } from '../../engine/init.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { initNotes, initText } from '../../reporters/project-setup.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('init')
    .description('make the current folder a pipe project: write pipeline.yaml with no stages, and keep cache/, .pipe/ and pipe.config.local.yaml out of git')
    .action(async () => {
      const result = await initProject(process.cwd());
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures));
        state.exitCode = EXIT.usage;
        return;
      }
      for (const n of initNotes(result)) processOutput.err(`note: ${n}\n`);
      for (const w of result.warnings) processOutput.err(`warning: ${w}\n`);
      processOutput.out(initText(result));
      state.exitCode = EXIT.ok;
    });
};
