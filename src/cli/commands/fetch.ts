// `pipe fetch [stage...]` (DVC's `dvc fetch`): what `pipe pull` downloads, into the local cache
// only; the workspace is left as it is (`pipe checkout` brings the outputs in).
import type { RegisterCommand } from './index.js';
import { registerTransfer } from '../../remote/command.js';

export const register: RegisterCommand = (program, state) => registerTransfer(program, state, 'fetch');
