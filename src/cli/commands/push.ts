// `pipe push [stage...]`: upload cache objects and run-cache entries to the remote.
import type { RegisterCommand } from './index.js';
import { registerTransfer } from '../../remote/command.js';

export const register: RegisterCommand = (program, state) => registerTransfer(program, state, 'push');
