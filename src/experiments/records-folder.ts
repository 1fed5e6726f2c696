// Whether pipe may write experiment records into metrics/experiments/: not when a stage declares
// that folder, a folder holding it or a path inside it as an output. A record written there would
// change the stage's out (never up to date again), and the next restore of the out would delete
// the records. `pipe repro` then records nothing and says why; `pipe exp run` refuses to start.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { outputHolding, pathsOverlap } from './declared.js';
import { refuse, success, type Outcome } from './failure.js';
import { EXPERIMENTS_DIR } from './schema.js';
import { workspaceDeclarations } from './workspace.js';

/** Refused, naming the stage and out, when metrics/experiments/ overlaps a declared output. */
export async function checkRecordsFolder(root: string): Promise<Outcome<void>> {
  const declared = await workspaceDeclarations(root);
  // a pipeline.yaml that does not parse declares nothing pipe could write into
  if (declared === undefined) return success(undefined);
  const clash = outputHolding(declared, EXPERIMENTS_DIR) ?? declared.outputs.find((o) => pathsOverlap(o.path, EXPERIMENTS_DIR));
  if (clash === undefined) return success(undefined);
  const out = `out '${clash.path}' of stage '${clash.stage}'`;
  if (EXPERIMENTS_DIR.startsWith(`${clash.path}/`)) {
    return refuse(`pipe keeps experiment records in ${EXPERIMENTS_DIR}/, inside ${out}: a record written there would change that out`, {
      hint: `declare the files the stage writes in ${clash.path}/${await example(root, clash.path)} instead of the whole folder, or have it write them to another folder`,
    });
  }
  return refuse(`${out} is ${clash.path === EXPERIMENTS_DIR ? '' : 'inside '}${EXPERIMENTS_DIR}/, the folder where pipe keeps experiment records`, {
    hint: `have the stage write it to another folder: pipe writes and reads ${EXPERIMENTS_DIR}/ itself`,
  });
}

/** ` (e.g. metrics/scores.json)`: a file the folder holds now, beside the records; '' when none. */
async function example(root: string, folder: string): Promise<string> {
  const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(() => []);
  const file = entries.filter((e) => e.isFile()).map((e) => e.name).sort()[0];
  return file === undefined ? '' : ` (e.g. ${folder}/${file})`;
}
