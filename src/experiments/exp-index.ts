// The index of a remote's experiment records: `exps/_index.json`, canonical JSON
// `{"files":[...],"v":1}`, the record file names (`<id>.json`) `pipe exp push` has put there. A
// remote that cannot be listed (http/https) has no other way to say which records it holds, so
// `pipe exp pull` from one reads it; every `exp push` keeps it, whatever the remote kind, so a
// folder remote later served over HTTP can be pulled from as well. Its name starts with `_`,
// which no record file name does (isExpRecordFile), so listings never take it for a record.
// The server may be a plain file store: a push updates the index by read, merge, write, then reads
// it back and merges again when another push's write replaced its own (up to INDEX_TRIES writes),
// as the run-index does (src/remote/run-index.ts). Names are never removed from it by pipe, and
// each push lists every record it pushed or found in place, so a name lost to a race comes back
// with the next push of that record. The index only points: each record it names is fetched and
// read as a record, and one that is gone is left out.
import { canonicalJson } from '../stores/index.js';
import { isExpRecordFile } from '../remote/transport.js';

export const EXP_INDEX_FILE = '_index.json';
const INDEX_VERSION = 1;
const INDEX_TRIES = 3;

/** Reads and writes files of the remote's `exps/` folder by name (a Transport's record methods). */
export interface ExpFiles {
  getExpRecord(file: string): Promise<string | undefined>;
  putExpRecord(file: string, text: string): Promise<void>;
}

export function encodeExpIndex(files: Iterable<string>): string {
  return canonicalJson({ files: [...new Set(files)].sort(), v: INDEX_VERSION });
}

/** The record names an index holds; undefined where it is not one pipe can read (taken as none). */
export function decodeExpIndex(text: string): string[] | undefined {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data.v !== INDEX_VERSION || !Array.isArray(data.files)) return undefined;
    // a name that is not a record's could only lead outside exps/: left out
    return data.files.filter((f): f is string => typeof f === 'string' && isExpRecordFile(f));
  } catch {
    return undefined;
  }
}

/** The record names the remote's index holds (none where it has no index). */
export async function readExpIndex(remote: ExpFiles): Promise<string[]> {
  const text = await remote.getExpRecord(EXP_INDEX_FILE);
  return text === undefined ? [] : (decodeExpIndex(text) ?? []);
}

/**
 * Makes the remote's index name `files` besides what it names already. Returns a note when
 * other pushes kept replacing it (the next push mends it), else nothing.
 */
export async function addToExpIndex(remote: ExpFiles, files: string[], where: string): Promise<string[]> {
  for (let tries = 0; ; tries++) {
    const there = new Set(await readExpIndex(remote));
    if (files.every((f) => there.has(f))) return [];
    if (tries === INDEX_TRIES) return [`the index of experiment records on ${where} (exps/${EXP_INDEX_FILE}) kept being replaced by another push: run \`pipe exp push\` again once the others are done, so that a pull over http(s) finds every record`];
    await remote.putExpRecord(EXP_INDEX_FILE, encodeExpIndex([...there, ...files]));
  }
}
