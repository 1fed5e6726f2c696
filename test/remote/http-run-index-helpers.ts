// The project the run-index tests (http-run-index-*.test.ts) push over http: `train` reads `lr` from
// params.yaml and writes model.txt, `report` reads model.txt; each counts its runs, so a test can
// tell a restore from the run-cache (no run) from a run.
import fs from 'node:fs';
import path from 'node:path';
import { counted } from '../rig.js';

export const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

export const TRAIN_REPORT_PIPELINE = `stages:
  train:
    cmd: ${counted('train', 'grep lr params.yaml > model.txt')}
    params: [lr]
    outs: [model.txt]
  report:
    cmd: ${counted('report', 'cat model.txt > report.txt && echo reported >> report.txt')}
    deps: [model.txt]
    outs: [report.txt]
`;

/** Every file under `dir` (relative path → text), or {} where there is no `dir`. */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out[path.relative(dir, abs).split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8');
  }
  return out;
}
