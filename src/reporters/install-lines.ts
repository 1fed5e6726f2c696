// What `pipe install` prints: the hooks written (stdout), and those it left alone or could not
// write, with what to do (stderr).
import type { InstallResult } from '../engine/git-hooks.js';

export function installLines(r: InstallResult): { out: string; err: string } {
  const out = [
    ...r.written.map((h) => `installed the ${h} hook`),
    ...r.unchanged.map((h) => `the ${h} hook was installed already`),
  ];
  const err = [
    ...r.foreign.map((f) => `error: ${f.path} exists and is not pipe's, so it was left as it is: add the line \`${f.line}\` to it (run from the project's folder), or remove it and run \`pipe install\` again`),
    ...r.failures.map((f) => `error: cannot write ${f.path}: ${f.message}`),
  ];
  return { out: out.map((l) => `${l}\n`).join(''), err: err.map((l) => `${l}\n`).join('') };
}
