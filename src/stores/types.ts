// Shared value types of the stores layer: what a hashed path looks like and how a store reports
// a failure (a typed value with a source location, never an exception).

/** Content identity of a workspace path: a file or a directory (hash ends in `.dir`). */
export interface HashInfo {
  /** sha256 hex digest of a file's bytes, or of a directory's manifest followed by `.dir`. */
  hash: string;
  /** Bytes: the file's size, or the sum of a directory's file sizes. */
  size: number;
  /** 1 for a file; the number of files under a directory (recursively). */
  nfiles: number;
  /**
   * Files only: present (true) when the owner may execute it (exec-bit.ts). Never `false`: a file
   * that is not executable has no field, so every record made before this existed reads the same.
   */
  isexec?: true;
}

/** One line of a directory manifest: a file below the directory and its content hash. */
export interface ManifestEntry {
  /** Path relative to the directory, `/`-separated. */
  relpath: string;
  hash: string;
  /** present (true) only for an executable file: what a restore puts back (exec-bit.ts) */
  isexec?: true;
}

/** Where in a file a failure was found (1-based line and column). */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

/** A failure the user can act on: what went wrong, where, and what to do. */
export interface StoreFailure {
  code:
    | 'lock-malformed'
    | 'lock-schema'
    | 'tracking-malformed'
    | 'remote-config'
    /** `cache: {dir: …}` in pipe.config(.local).yaml does not read (cache-location.ts) */
    | 'cache-config'
    | 'remote-missing'
    | 'remote-unreachable'
    /** another pipe command holds the project's repro lock (exit 1) */
    | 'locked'
    /** the file system failed in the middle of the work (exit 1) */
    | 'io-failed'
    | 'io';
  /**
   * Complete, printable text: it already starts with `file:line:col: ` when the failure has a
   * line, so print it as it is (do not prefix `location` again).
   */
  message: string;
  /** The same place as structured data, for tools and editors. */
  location?: SourceLocation;
  /** A hint on how to fix it. */
  hint?: string;
}

export type Result<T, F = StoreFailure> = { ok: true; value: T } | { ok: false; failure: F };

/** `file:line:col` for messages, e.g. `pipeline.lock:12:7`. */
export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.col === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.col}`;
}
