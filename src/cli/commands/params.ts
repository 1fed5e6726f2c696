// `pipe params`: not yet implemented (placeholder so the command table never changes shape).
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = () => {};
