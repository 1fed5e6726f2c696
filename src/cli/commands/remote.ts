// `pipe remote add/list/remove/default/modify/rename` (DVC's `dvc remote ...`): the named remotes of
// pipe.config.yaml (src/remote/named-remotes.ts), or with `--local` of this clone's
// pipe.config.local.yaml (src/remote/remote-layers.ts). Exit 2 on a change refused (the file is then
// left as it was), on a file that does not read, and outside a project.
import type { Command } from 'commander';
import { locateProject } from '../../engine/root.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures, renderHinted } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { StoreFailure } from '../../stores/index.js';
import type { CliState } from '../main.js';
import type { RegisterCommand } from './index.js';
import { REMOTE_OPTIONS } from '../../remote/remote-options.js';

type Admin = typeof import('../../remote/remote-admin.js');
type Lines = typeof import('../../reporters/remote-lines.js');

const LOCAL_HELP = "in this clone's pipe.config.local.yaml (git-ignored; its settings win over pipe.config.yaml's, key by key) instead of pipe.config.yaml";

/**
 * After a change written to pipe.config.local.yaml: the file into .gitignore (for a project made
 * before `pipe init` did that), saying what was written.
 */
async function keepLocal(root: string, local: boolean | undefined): Promise<void> {
  if (local !== true) return;
  const { ignoreLocalConfig } = await import('../../stores/local-config.js');
  const { notes, warnings } = await ignoreLocalConfig(root);
  for (const n of notes) processOutput.err(`note: ${n}\n`);
  for (const w of warnings) processOutput.err(`warning: ${w}\n`);
}

/** The project root and the modules, or undefined once the failure was said (exit 2). */
async function start(state: CliState): Promise<{ root: string; admin: Admin; lines: Lines } | undefined> {
  const located = locateProject(process.cwd());
  if (!located.ok) {
    processOutput.err(renderFailures([located.failure]));
    state.exitCode = EXIT.usage;
    return undefined;
  }
  // loaded here, not at startup: other commands never need them
  const [admin, lines] = await Promise.all([import('../../remote/remote-admin.js'), import('../../reporters/remote-lines.js')]);
  return { root: located.root, admin, lines };
}

/** The value, or the failure said (exit 2) and undefined. */
function done<T>(state: CliState, result: { ok: true; value: T } | { ok: false; failure: StoreFailure }): T | undefined {
  if (result.ok) {
    state.exitCode = EXIT.ok;
    return result.value;
  }
  processOutput.err(renderHinted(result.failure));
  state.exitCode = EXIT.usage;
  return undefined;
}

function print(lines: { out: string; notes: string[] }): void {
  processOutput.out(lines.out);
  for (const n of lines.notes) processOutput.err(`note: ${n}\n`);
}

/** `endpointurl (s3: ...); ...`, for --help: each option, the remotes that take it, what it stands for. */
function optionsHelp(): string {
  return Object.entries(REMOTE_OPTIONS)
    .map(([name, spec]) => `${name} (${spec.kinds.map((k) => (k === 'http' ? 'http(s)' : k)).join(', ')}: ${spec.about})`)
    .join('; ');
}

export const register: RegisterCommand = (program, state) => {
  const remote = program
    .command('remote')
    .description(
      "named remotes in pipe.config.yaml (DVC's `dvc remote`): `remotes:` maps names to directories or URLs, `remote:` names the default; " +
        'a name given to --remote/-r or $PIPE_REMOTE means that remote, even where a folder of that name exists (write ./<name> for the folder); `pipe remote modify` sets per-remote options',
    );
  remote
    .command('add')
    .description('add a named remote (a relative directory is taken from here and written relative to the project root)')
    .argument('<name>', 'the name (letters, digits, -, _ and .)')
    .argument('<url>', 'a directory, or a file://, s3:// or http(s):// URL, without a password (pipe.config.yaml is committed)')
    .option('-d, --default', 'make it the default remote too (`remote:`)')
    .option('-f, --force', 'replace a remote of that name')
    .option('--local', `add it ${LOCAL_HELP}`)
    .action(async (name: string, url: string, flags: { default?: boolean; force?: boolean; local?: boolean }) => {
      const s = await start(state);
      if (s === undefined) return;
      const added = done(state, s.admin.addRemote(s.root, process.cwd(), name, url, { makeDefault: flags.default === true, force: flags.force === true, local: flags.local === true }));
      if (added === undefined) return;
      print(s.lines.remoteAddedLines(added));
      await keepLocal(s.root, flags.local);
    });
  remote
    .command('list')
    .description('list the named remotes, `name  url`, which is the default, and under each its options (`option = value`; a password in a URL shown as ***); a value from pipe.config.local.yaml is marked (local)')
    .option('--json', 'print {remotes: [{name, url, default, options?, local?}], default: {name, url, local?} or null}; local: {url, options, only} where pipe.config.local.yaml gives some of it')
    .action(async (flags: { json?: boolean }) => {
      const s = await start(state);
      if (s === undefined) return;
      const listing = done(state, s.admin.listRemotes(s.root));
      if (listing !== undefined) processOutput.out(flags.json === true ? s.lines.remoteListJson(listing) : s.lines.remoteListText(listing));
    });
  remote
    .command('remove')
    .description('remove a named remote (and the default, where it was that one); its data stay where they are')
    .argument('<name>', 'the remote')
    .option('--local', "remove it from this clone's pipe.config.local.yaml alone (the committed remote of that name, if any, serves again)")
    .action(async (name: string, flags: { local?: boolean }) => {
      const s = await start(state);
      if (s === undefined) return;
      const removed = done(state, s.admin.removeRemote(s.root, name, flags.local === true));
      if (removed !== undefined) print(s.lines.remoteRemovedLines(removed));
    });
  remote
    .command('default')
    .description('print the default remote (its name, or its URL where `remote:` holds one), or make a named remote the default')
    .argument('[name]', 'the remote to make the default')
    .option('--unset', 'remove the default (`remote:`)')
    .option('--local', `set or unset it ${LOCAL_HELP}`)
    .action(async (name: string | undefined, flags: { unset?: boolean; local?: boolean }, command: Command) => {
      if (name !== undefined && flags.unset === true) {
        command.error('error: give a name or --unset, not both');
        return;
      }
      const s = await start(state);
      if (s === undefined) return;
      if (flags.unset === true) {
        const unset = done(state, s.admin.unsetDefaultRemote(s.root, flags.local === true));
        if (unset !== undefined) print(s.lines.remoteDefaultUnsetLines(unset));
      } else if (name !== undefined) {
        const set = done(state, s.admin.setDefaultRemote(s.root, name, flags.local === true));
        if (set === undefined) return;
        print(s.lines.remoteDefaultSetLines(set));
        await keepLocal(s.root, flags.local);
      } else {
        const d = done(state, s.admin.defaultRemote(s.root));
        if (d !== undefined) processOutput.out(s.lines.remoteDefaultLine(d));
      }
    });
  remote
    .command('modify')
    .description(
      "set or unset an option of a named remote (DVC's `dvc remote modify`); a remote with options is written as a mapping, `url:` and the options. " +
        'Each option wins over the environment variable it stands for, for that remote alone. Options: url (any remote; a relative directory is taken from here); ' +
        `${optionsHelp()}`,
    )
    .argument('<name>', 'the remote')
    .argument('<option>', 'the option')
    .argument('[value]', 'its value (none with --unset)')
    .option('-u, --unset', 'remove the option')
    .option('--local', `set or unset it ${LOCAL_HELP}; a remote of pipe.config.yaml keeps its other options`)
    .action(async (name: string, option: string, value: string | undefined, flags: { unset?: boolean; local?: boolean }, command: Command) => {
      if (flags.unset === true && value !== undefined) {
        command.error(`error: give a value or --unset, not both (pipe remote modify --unset ${name} ${option})`);
        return;
      }
      if (flags.unset !== true && value === undefined) {
        command.error(`error: give the value (pipe remote modify ${name} ${option} <value>), or --unset to remove it`);
        return;
      }
      const s = await start(state);
      if (s === undefined) return;
      const modified = done(state, s.admin.modifyRemote(s.root, process.cwd(), name, option, flags.unset === true ? undefined : value, flags.local === true));
      if (modified === undefined) return;
      print(s.lines.remoteModifiedLines(modified));
      await keepLocal(s.root, flags.local && modified.value !== undefined);
    });
  remote
    .command('rename')
    .description('rename a named remote (and `remote:` with it, where it was the default)')
    .argument('<old>', 'the remote')
    .argument('<new>', 'its new name')
    .option('--local', "rename a remote of this clone's pipe.config.local.yaml (without it, the local file's settings for the remote follow the committed one's new name)")
    .action(async (from: string, to: string, flags: { local?: boolean }) => {
      const s = await start(state);
      if (s === undefined) return;
      const renamed = done(state, s.admin.renameRemote(s.root, from, to, flags.local === true));
      if (renamed !== undefined) processOutput.out(s.lines.remoteRenamedLine(renamed));
    });
};
