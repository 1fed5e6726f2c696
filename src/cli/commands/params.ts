// `pipe params diff [A] [B]`: params.yaml compared the way `pipe metrics diff` compares metrics.
import type { RegisterCommand } from './index.js';
import { addDiff } from './metrics.js';

export const register: RegisterCommand = (program, state) => {
  const params = program.command('params').description('compare params.yaml between revisions, experiments or the workspace');
  addDiff(params, 'params', 'Param', 'compare params.yaml between two revisions, experiments or the workspace', state);
};
