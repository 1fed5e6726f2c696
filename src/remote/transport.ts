// What pipe needs from a remote store, small enough to implement over S3-compatible storage next:
// list/has/get/put of content-addressed objects and of run-cache entries. A transport moves bytes
// only; checking them (hash on arrival) is the caller's job, so no transport can inject content.

export interface RemoteObjectInfo {
  size: number;
}

export interface Transport {
  /** Human-readable location, for messages (`/srv/pipe-remote`, `s3://bucket/prefix`). */
  readonly description: string;
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
