// `pipe pull [stage...]`: download (and verify) cache objects and run-cache entries from the remote.
import type { RegisterCommand } from './index.js';
import { registerTransfer } from '../../remote/command.js';

export const register: RegisterCommand = (program, state) => registerTransfer(program, state, 'pull');
