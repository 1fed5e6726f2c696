// The words a refusal uses for whoever holds the project's repro lock: the pipe command that
// process runs, where its command line says (`a \`pipe pull\` is running`), else what the
// refusing command assumed before it could tell (`a \`pipe repro\` is running`).
import { pipeCommandOf } from './store-adapter.js';

export function lockHolderWords(pid: number, otherwise = 'a `pipe repro` is running'): string {
  const command = pid > 0 ? pipeCommandOf(pid) : undefined;
  return command === undefined ? otherwise : `a \`pipe ${command}\` is running`;
}
