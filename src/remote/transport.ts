// What pipe needs from a remote store, small enough to implement over S3-compatible storage next:
// list/has/get/put of content-addressed objects and of run-cache entries. A transport moves bytes
// only; checking them (hash on arrival) is the caller's job, so no transport can inject content.

export interface RemoteObjectInfo {
  size: number;
}

/** What `Transport.open` found: the remote is usable, or why not (the caller words the error). */
export type RemoteCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'not-a-directory' | 'inaccessible'; detail?: string }
  /** A folder above the remote's path is a file: `detail` names it. */
  | { ok: false; reason: 'under-a-file'; detail: string };

export interface Transport {
  /** Human-readable location, for messages (`/srv/pipe-remote`, `s3://bucket/prefix`). */
  readonly description: string;
  /**
   * Called once, before anything is listed or moved. `read` (pull): the remote must already
   * exist. `write` (push): a missing remote is created (for a directory: with its parents, as
   * `dvc push` does for a local remote).
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
  /** Every run-cache entry on the remote. */
  listRuns(): Promise<{ key: string; id: string }[]>;
  /** A run entry's text, or undefined if absent. */
  getRun(key: string, id: string): Promise<string | undefined>;
  /** Uploads a run entry (atomically). */
  putRun(key: string, id: string, text: string): Promise<void>;
}
