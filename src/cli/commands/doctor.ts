// `pipe doctor` (DVC's `dvc doctor`): pipe's version, the machine, the TensorFlow.js backends
// (which `train` would start, with how many threads) and the project (stages, cache size, remote,
// git), for a bug report or for finding out why training is slow. Contacts no remote, starts no
// backend (`--bench` does). Exit 0 whatever it finds; 2 only on a usage error (commander's).
import { EXIT } from '../../reporters/exit-codes.js';
import { processOutput } from '../../reporters/output.js';
import { PIPE_VERSION } from '../main.js';
import type { RegisterCommand } from './index.js';

/** Set by scripts/bundle.mjs (esbuild `define`) to the doctor's own bundles; absent in source (tests, tsc's dist/). */
declare const PIPE_DOCTOR_BUNDLE: string | undefined;
declare const PIPE_DOCTOR_BENCH_BUNDLE: string | undefined;

type DoctorEntry = typeof import('../doctor-entry.js');
type BenchModule = typeof import('../../doctor/bench.js');

// a bundle file beside this chunk, or the module itself; esbuild drops the branch not taken, so the
// doctor's modules never join the CLI's chunks (see doctor-entry.ts)
const loadDoctor = (): Promise<DoctorEntry> =>
  typeof PIPE_DOCTOR_BUNDLE === 'string' ? import(new URL(PIPE_DOCTOR_BUNDLE, import.meta.url).href) : import('../doctor-entry.js');
const loadBench = (): Promise<BenchModule> =>
  typeof PIPE_DOCTOR_BENCH_BUNDLE === 'string' ? import(new URL(PIPE_DOCTOR_BENCH_BUNDLE, import.meta.url).href) : import('../../doctor/bench.js');

export const register: RegisterCommand = (program, state) => {
  program
    .command('doctor')
    .description("print pipe's version, the machine, the TensorFlow.js backends (which one training would use, with how many threads) and the project (stages, cache size, remote, git): for a bug report (DVC's `dvc doctor`)")
    .option('-r, --remote <url>', 'the remote to describe instead of $PIPE_REMOTE or `remote:` in pipe.config.yaml (it is not contacted)')
    .option('--json', 'print the same as one JSON object: {version, system, backends, project}')
    .option('--bench', 'also start that backend, as training does, and time a matMul and a convolution on it (about 3 s more)')
    .action(async (opts: { remote?: string; json?: boolean; bench?: boolean }) => {
      const { gatherDoctor, doctorJson, doctorText, remoteFromCli } = await loadDoctor();
      const cwd = process.cwd();
      const report = await gatherDoctor(PIPE_VERSION, { cwd, ...(opts.remote !== undefined ? { remote: remoteFromCli(opts.remote, cwd) } : {}) });
      if (opts.bench) {
        const bench = await (await loadBench()).benchBackend(report.backends.train);
        report.bench = bench.ok ? bench.value : { error: bench.reason };
      }
      processOutput.out(opts.json ? doctorJson(report) : doctorText(report));
      state.exitCode = EXIT.ok;
    });
};
