// Stage-facing wrapper of selectBackend: a backend that cannot start becomes a typed failure
// that names the params key to change (exit code 2, like any bad param).
import { EXIT_BAD_PARAMS, FailureError } from '../failure.js';
import { selectBackend, type BackendChoice, type BackendInfo, type WinogradChoice } from './select.js';

export async function startBackend(choice: BackendChoice, threads: number, paramsFile: string, key: string, winograd: WinogradChoice = { on: false, tile: 2 }): Promise<BackendInfo> {
  const selected = await selectBackend({ choice, threads, winograd: winograd.on, winogradTile: winograd.tile });
  if (!selected.ok) {
    throw new FailureError({ where: `${paramsFile} (${key})`, message: selected.error.message }, EXIT_BAD_PARAMS);
  }
  return selected.info;
}
