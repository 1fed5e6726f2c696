// `pipe stage add` (DVC's `dvc stage add`): writes a stage into pipeline.yaml without running it;
// `pipe stage list` (DVC's `dvc stage list`): the stages, as `pipe status` names them. Exit 2 on a
// stage that cannot be added (pipeline.yaml is then left as it was).
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { locateProject, selectStages } from '../../engine/index.js';
import { projectHere } from '../project-here.js';
// straight from its module, not the engine's index: `pipe status` loads the index, never this
import { addStage, cmdFromWords, type StageAddRequest } from '../../engine/stage-add.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { stageAddedLine, stageListJson, stageListText } from '../../reporters/project-setup.js';
import { printNotes } from '../../reporters/notes.js';
import { replacedNotes } from '../../reporters/remove-move.js';
import type { RegisterCommand } from './index.js';

type ListKey = 'deps' | 'params' | 'outs' | 'outsNoCache' | 'outsPersist' | 'outsPersistNoCache' | 'metrics' | 'metricsNoCache' | 'plots' | 'plotsNoCache';
const LIST_KEYS: readonly ListKey[] = ['deps', 'params', 'outs', 'outsNoCache', 'outsPersist', 'outsPersistNoCache', 'metrics', 'metricsNoCache', 'plots', 'plotsNoCache'];

/** commander's options: the request's lists under the same names (absent when not given), the rest as given */
interface AddFlags extends Partial<Pick<StageAddRequest, ListKey>> {
  name?: string;
  wdir?: string;
  desc?: string;
  alwaysChanged?: boolean;
  force?: boolean;
}

// no default list: commander would print `(default: [])` after each in --help
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const register: RegisterCommand = (program, state) => {
  const stage = program
    .command('stage')
    .description('add stages to pipeline.yaml and list them')
    // `pipe stage add ... COMMAND --lr 1`: options after the command's first word are the command's
    .enablePositionalOptions();
  stage
    .command('add')
    .description("write a stage into pipeline.yaml without running it (DVC's `dvc stage add`); `pipe repro NAME` runs it")
    // checked in the action, not by commander: a mandatory option is checked before unknown ones, so
    // `--external -n x` (a DVC option pipe lacks, with everything after it passed through) would
    // say -n is missing rather than name --external
    .option('-n, --name <name>', 'the stage name (letters, digits, _ and -); required')
    .option('-d, --deps <path>', 'a file or folder the stage reads (repeat for more)', collect)
    .option('-p, --params <[file:]keys>', 'params the stage reads: `lr`, `lr,epochs` (from params.yaml), `other.yaml:lr`, or `other.yaml:` for the whole file (repeat for more)', collect)
    .option('-o, --outs <path>', 'an output, kept in the cache (repeat for more)', collect)
    .option('-O, --outs-no-cache <path>', 'an output git keeps, not the cache (`cache: false`)', collect)
    .option('--outs-persist <path>', 'an output not removed before the command runs (`persist: true`)', collect)
    .option('--outs-persist-no-cache <path>', 'both of the above', collect)
    .option('-m, --metrics <path>', 'a metrics file (JSON or YAML), kept in the cache', collect)
    .option('-M, --metrics-no-cache <path>', 'a metrics file git keeps, not the cache', collect)
    .option('--plots <path>', 'a plots file (rows: JSON, YAML, CSV or TSV), kept in the cache', collect)
    .option('--plots-no-cache <path>', 'a plots file git keeps, not the cache', collect)
    .option('-w, --wdir <dir>', 'the folder the command runs in, and that its paths are relative to (default: the current folder)')
    .option('--desc <text>', 'what the stage does (`pipe stage list` shows it)')
    .option('--always-changed', 'run the stage on every repro (`always_changed: true`)')
    .option('-f, --force', 'replace the stage of that name, where it stands in pipeline.yaml')
    .argument('<command...>', 'the command, after the options (`-- python train.py --lr 1`, or one quoted string)')
    .passThroughOptions()
    .action(async (words: string[], flags: AddFlags, command: Command) => {
      const name = flags.name;
      if (name === undefined) {
        command.error("error: required option '-n, --name <name>' not specified");
        return;
      }
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      // as DVC: paths are relative to the folder the command is given in (or -w), which becomes
      // the stage's wdir when it is not the project root
      const wdir = relative(located.root, resolve(process.cwd(), flags.wdir ?? '.')).split('\\').join('/');
      const { desc, alwaysChanged, force } = flags;
      const lists = Object.fromEntries(LIST_KEYS.map((k) => [k, flags[k] ?? []])) as Pick<StageAddRequest, ListKey>;
      const req: StageAddRequest = {
        name,
        cmd: cmdFromWords(words),
        ...(wdir !== '' ? { wdir } : {}),
        ...lists,
        ...(desc !== undefined ? { desc } : {}),
        alwaysChanged: alwaysChanged === true,
        force: force === true,
      };
      const result = await addStage(located.root, req, printNotes);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = EXIT.usage;
        return;
      }
      processOutput.out(`${stageAddedLine(name, result)}\n`);
      for (const n of replacedNotes(result)) processOutput.err(`note: ${n}\n`);
      state.exitCode = EXIT.ok;
    });
  stage
    .command('list')
    .description("list the stages (foreach and matrix items one by one), each with its desc or its outputs (DVC's `dvc stage list`)")
    .argument('[targets...]', 'only these stages (a foreach or matrix stage by its name in pipeline.yaml: all its items)')
    .option('--json', 'print {stages: [{name, desc, cmd, wdir, deps, outputs: [{path, kind, cache}], location}]}')
    .option('--name-only', 'print the names alone')
    .action((targets: string[], flags: { json?: boolean; nameOnly?: boolean }) => {
      if (flags.json && flags.nameOnly) {
        processOutput.err('error: choose one of --json and --name-only\n');
        state.exitCode = EXIT.usage;
        return;
      }
      let project = projectHere(state);
      if (project === undefined) return;
      if (targets.length > 0) {
        // as every command names them; listed in pipeline.yaml's order, not the targets'
        const chosen = selectStages(project, { targets, singleItem: true, cwd: process.cwd() });
        if (chosen.failures.length > 0) {
          processOutput.err(renderFailures(chosen.failures, project.root));
          state.exitCode = EXIT.usage;
          return;
        }
        const names = new Set(chosen.names);
        project = { ...project, stages: project.stages.filter((s) => names.has(s.name)) };
      }
      if (flags.json) processOutput.out(stageListJson(project));
      else if (flags.nameOnly) processOutput.out(project.stages.map((s) => `${s.name}\n`).join(''));
      else processOutput.out(stageListText(project));
      state.exitCode = EXIT.ok;
    });
};
