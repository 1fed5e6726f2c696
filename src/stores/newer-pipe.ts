// What a file pipe writes (pipeline.lock, a .pipe file) holds that this pipe does not know: in a
// team on mixed versions, most often a key or schema a newer pipe added (as `isexec`, `push:` and
// `remote:` were). Deleting the file would drop a teammate's recorded results, so upgrading is
// said first and fixing or deleting it second.

/** The hint for a key or schema this pipe does not know in `file`; `otherwise`: what to do if no newer pipe wrote it. */
export function newerHint(file: string, otherwise: string): string {
  return `a newer pipe may have written ${file}: upgrade pipe to read it; otherwise ${otherwise}`;
}
