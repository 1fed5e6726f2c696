// Everything `pipe doctor` runs, behind one module: scripts/bundle.mjs bundles it into a file of
// its own (dist/bundle/doctor.js) that src/cli/commands/doctor.ts loads only when doctor runs. As a
// chunk of the CLI's bundle it would share modules with `pipe status` (config, stores, remote),
// and esbuild would split the chunks a no-op status loads into more files.
export { gatherDoctor } from '../doctor/gather.js';
export { doctorJson, doctorText } from '../reporters/doctor.js';
export { remoteFromCli } from '../remote/config.js';
