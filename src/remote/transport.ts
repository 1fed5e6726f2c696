// What pipe needs from a remote store (a directory: dir-transport.ts; an S3 bucket: s3-transport.ts;
// an HTTP server: http-transport.ts; a folder over SSH: ssh-transport.ts): list/has/get/put of content-addressed objects and of
// run-cache entries. A transport moves bytes only; checking them (hash on arrival) is the
// caller's job, so no transport can inject content.
import type { StoreFailure } from '../stores/index.js';

export interface RemoteObjectInfo {
  /** undefined: the remote did not say (an HTTP HEAD answer without Content-Length); present all the same, its size unknown */
  size?: number;
}

/** What `Transport.open` found: the remote is usable, or why not (the caller words the error). */
export type RemoteCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'not-a-directory'; detail?: string }
  /** Cannot be used (permissions, credentials, network): `hint`, when given, says what to do. */
  | { ok: false; reason: 'inaccessible'; detail?: string; hint?: string }
  /** An S3 remote's bucket does not exist (`detail`: the bucket); pushes never create buckets. */
  | { ok: false; reason: 'missing-bucket'; detail: string }
  /** A folder above the remote's path is a file: `detail` names it. */
  | { ok: false; reason: 'under-a-file'; detail: string };

/**
 * Thrown by a transport whose remote fails in the middle of a transfer (network, credentials
 * expired, access revoked): a failure the user can act on, reported without a stack.
 */
export class RemoteError extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.message);
    this.name = 'RemoteError';
  }
}

/**
 * A `.tmp-*` upload on a remote this old is a dead push's leftover (killed, or its machine gone),
 * removed by the next push to a folder or ssh:// remote. The rule is age, not the writer's pid as
 * for the local cache (ObjectCache.gc): a remote is shared by machines, so a pid there says nothing.
 * A live upload writes its temp file as it goes, so its modification time stays recent: a day is
 * far beyond any stall a transfer survives (an ssh or http connection silent for minutes is
 * given up), so a concurrent push's temp file is never taken for a leftover.
 */
export const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** A run-cache entry a remote lists. */
export interface RemoteRun {
  key: string;
  id: string;
  /** the MD5 of the entry's bytes (32 lower-case hex), where the listing says it */
  md5?: string;
}

export interface Transport {
  /** Human-readable location, for messages (`/srv/pipe-remote`, `s3://bucket/prefix`). */
  readonly description: string;
  /**
   * Called once, before anything is listed or moved. `read` (pull): the remote must already
   * exist. `write` (push): a missing remote is created (for a directory: with its parents, as
   * `dvc push` does for a local remote; an S3 bucket is never created).
   */
  open(mode: 'read' | 'write'): Promise<RemoteCheck>;
  /** Every complete object on the remote: hash → size. Partial uploads never appear. */
  listObjects(): Promise<Map<string, RemoteObjectInfo>>;
  hasObject(hash: string): Promise<boolean>;
  /**
   * Downloads an object into `destAbs` (a local temp path the caller owns). Returns false if the
   * remote does not have it. Must not leave `destAbs` half-written on success.
   */
  getObject(hash: string, destAbs: string): Promise<boolean>;
  /** Uploads the local file `srcAbs` as object `hash`; visible on the remote only once complete. */
  putObject(hash: string, srcAbs: string): Promise<void>;
  /**
   * Every run-cache entry on the remote; `md5` (hex) where the listing says the MD5 of its bytes
   * (an object store's ETag / md5Hash / Content-MD5), so `pipe gc -c` can take an identical local
   * copy instead of a GET.
   */
  listRuns(): Promise<RemoteRun[]>;
  /** A run entry's text, or undefined if absent. */
  getRun(key: string, id: string): Promise<string | undefined>;
  /** Uploads a run entry (atomically). */
  putRun(key: string, id: string, text: string): Promise<void>;
  /**
   * A remote that cannot be listed keeps, per run-cache key, an index of the ids of its entries
   * (run-index.ts): a push hands it every entry it knows the remote holds (sent or already there)
   * once they are there. Returns notes (an index another push kept overwriting). Absent: listed remotes.
   */
  indexRuns?(runs: { key: string; id: string }[]): Promise<string[]>;
  /**
   * Experiment records (`pipe exp push/pull`): `exps/<id>.json` beside `objects/` and `runs/`, the
   * record file's exact text. Absent on a remote that cannot list them (HTTP): exp push and pull
   * refuse it. `listExpRecords` gives the file names (`<id>.json`), leaving out temp files.
   */
  listExpRecords?(): Promise<string[]>;
  /** A record's text, or undefined if absent. */
  getExpRecord?(file: string): Promise<string | undefined>;
  /** Writes a record (atomically: temp name + rename, or one S3 PutObject), replacing any there. */
  putExpRecord?(file: string, text: string): Promise<void>;
  /** `pipe exp push --force` over another record of the same name: deletes these records; one already gone is no error. Absent (http): they stay. */
  removeExpRecords?(files: string[]): Promise<void>;
  /**
   * Ends what `open` started (an ssh:// remote's connection, which would otherwise keep the
   * process alive); called once the command is done with the remote, whether or not it opened.
   */
  close?(): Promise<void>;
  /** Removes the temp uploads this process has in flight, where the remote allows it (an interrupted push: SIGINT/SIGTERM). */
  abortUploads?(): Promise<void>;
  /** A push: removes the `.tmp-*` uploads older than STALE_TEMP_MS that the last listObjects saw; how many it removed. */
  removeStaleTemps?(): Promise<number>;
  /** How many such leftovers the last listObjects saw (`pipe gc -c --dry-run` counts them). */
  staleTempCount?(): number;
  /**
   * `pipe gc -c`: deletes these objects; one already gone is no error (another gc took it).
   * Absent (an http(s) remote, or a kind not taught to delete yet): `pipe gc -c` refuses the remote.
   */
  removeObjects?(hashes: string[]): Promise<void>;
  /** `pipe gc -c`: deletes these run-cache entries; one already gone is no error. */
  removeRuns?(entries: { key: string; id: string }[]): Promise<void>;
}

/**
 * A remote that cannot be listed (HTTP). Its `listObjects` and `listRuns` are never called:
 * `prepare` (sync.ts) asks it about each object and run entry the command may need, through
 * `statObject` and `hasRun`, and the run entries of the keys a pull computes through their
 * index (`getRunIndex`), and hands the callers a transport whose listings hold the answers
 * (unlisted.ts).
 */
export interface UnlistedTransport extends Transport {
  readonly unlisted: true;
  /** The object's size, or undefined when the remote does not have it. */
  statObject(hash: string): Promise<RemoteObjectInfo | undefined>;
  hasRun(key: string, id: string): Promise<boolean>;
  /** The text of the index of `key`'s run entries (run-index.ts), or undefined where there is none. */
  getRunIndex(key: string): Promise<string | undefined>;
  /** Writes the index of `key`'s run entries (one PUT: replaced whole). */
  putRunIndex(key: string, text: string): Promise<void>;
  /** Set by `open`: the remote's own path answered 404 (a pull then finding nothing under it: the remote does not exist). */
  readonly prefixMissing: boolean;
}

/** The remote's folder (or key prefix) of experiment records. */
export const EXPS_DIR = 'exps';

/**
 * A record's file name on a remote: `<id>.json`, the id made of letters, digits and `.` `_` `+`
 * `-` (pipe's ids are `YYYYMMDD-HHMMSS-xxxx`), never a temp file's name. Records are files anyone
 * can edit: an id that would not make such a name is never used as a path.
 */
export function isExpRecordFile(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._+-]*\.json$/.test(name) && !name.startsWith('.tmp-');
}

export function isUnlisted(t: Transport): t is UnlistedTransport {
  return (t as Partial<UnlistedTransport>).unlisted === true;
}
