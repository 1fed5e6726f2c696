// The command table. One line per command module; each module owns its options and output.
import type { Command } from 'commander';
import type { CliState } from '../main.js';
import { register as repro } from './repro.js';
import { register as status } from './status.js';
import { register as dag } from './dag.js';
import { register as checkout } from './checkout.js';
import { register as commit } from './commit.js';
import { register as gc } from './gc.js';
import { register as metrics } from './metrics.js';
import { register as params } from './params.js';
import { register as exp } from './exp.js';
import { register as plots } from './plots.js';
import { register as push } from './push.js';
import { register as pull } from './pull.js';
import { register as fetch } from './fetch.js';
import { register as add } from './add.js';
import { register as init } from './init.js';
import { register as stage } from './stage.js';
import { register as remove } from './remove.js';
import { register as move } from './move.js';
import { register as doctor } from './doctor.js';
import { register as importUrl } from './import-url.js';
import { register as update } from './update.js';
import { register as freeze } from './freeze.js';
import { register as diff } from './diff.js';
import { register as remote } from './remote.js';
import { register as install } from './install.js';
import { register as cache } from './cache.js';

export type RegisterCommand = (program: Command, state: CliState) => void;

const modules: RegisterCommand[] = [
  repro, status, dag, checkout, commit, gc, metrics, params, exp, plots, push, pull, fetch, add, init, stage, remove, move, doctor, importUrl, update, freeze, diff, remote, install, cache,
];

export function registerCommands(program: Command, state: CliState): void {
  for (const register of modules) register(program, state);
}
