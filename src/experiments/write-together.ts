// The experiments' side of the stores' all-or-none write (src/stores/write-together.ts): its
// failure as the experiments commands report one.
import { writeFilesTogether, type FileWrite } from '../stores/write-together.js';
import { refuse, success, type Outcome } from './failure.js';

export type { FileWrite } from '../stores/write-together.js';

export async function writeTogether(root: string, files: FileWrite[]): Promise<Outcome<void>> {
  const r = await writeFilesTogether(root, files);
  return r.ok ? success(undefined) : refuse(`cannot write ${r.path}: ${r.message}, so no file was changed`);
}
