// `pipe doctor` (DVC's `dvc doctor`): pipe's version, the machine, the TensorFlow.js backends
// (which `train` would start, with how many threads) and the project (stages, cache size, remote,
// git), for a bug report or for finding out why training is slow. Contacts no remote, starts no
// backend. Exit 0 whatever it finds; 2 only on a usage error (commander's).
import { EXIT } from '../../reporters/exit-codes.js';
import { processOutput } from '../../reporters/output.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('doctor')
    .description("print pipe's version, the machine, the TensorFlow.js backends (which one training would use, with how many threads) and the project (stages, cache size, remote, git): for a bug report (DVC's `dvc doctor`)")
    .option('-r, --remote <url>', 'the remote to describe instead of $PIPE_REMOTE or `remote:` in pipe.config.yaml (it is not contacted)')
    .option('--json', 'print the same as one JSON object: {version, system, backends, project}')
    .option('--bench', 'also start that backend, as training does, and time a matMul and a convolution on it (about 3 s)')
    .action(async (opts: { remote?: string; json?: boolean; bench?: boolean }) => {
      // loaded here, not at the top: every other command loads this module to register it
      const [{ gatherDoctor }, { doctorJson, doctorText }, { remoteFromCli }, { PIPE_VERSION }] = await Promise.all([
        import('../../doctor/gather.js'),
        import('../../reporters/doctor.js'),
        import('../../remote/config.js'),
        import('../main.js'),
      ]);
      const cwd = process.cwd();
      const report = await gatherDoctor(PIPE_VERSION, { cwd, ...(opts.remote !== undefined ? { remote: remoteFromCli(opts.remote, cwd) } : {}) });
      if (opts.bench) {
        const { benchBackend } = await import('../../doctor/bench.js');
        const bench = await benchBackend(report.backends.train);
        report.bench = bench.ok ? bench.value : { error: bench.reason };
      }
      processOutput.out(opts.json ? doctorJson(report) : doctorText(report));
      state.exitCode = EXIT.ok;
    });
};
