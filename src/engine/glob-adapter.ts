// The one adapter around `picomatch` (shell-style glob patterns, as `--glob` targets take them:
// `pipe repro --glob 'sweep@0.001-*'`), loaded on first use: a command run without --glob never
// loads it, so a warm no-op `pipe status` costs what it did before. In the bundled CLI the package
// is its own CommonJS file next to the chunks (dist/bundle/picomatch.cjs, built by
// scripts/bundle.mjs); run from source (tests, tsx) it is the package itself. Callers see only
// nameMatcher().
import { createRequire } from 'node:module';
import type picomatch from 'picomatch';

/** Set by scripts/bundle.mjs (esbuild `define`) to the bundled package's path; absent in source. */
declare const PIPE_PICOMATCH_BUNDLE: string | undefined;

const requireHere = createRequire(import.meta.url);
let lib: typeof picomatch | undefined;

function picomatchLib(): typeof picomatch {
  // the POSIX build: a name's `\` escapes the next character on every platform
  return (lib ??= requireHere(typeof PIPE_PICOMATCH_BUNDLE === 'string' ? PIPE_PICOMATCH_BUNDLE : 'picomatch/posix') as typeof picomatch);
}

/**
 * A test of whether a name matches the glob `pattern` (`*`, `?`, `[...]`, `{a,b}`, extglobs),
 * whole and case-sensitively; a leading `.` is matched by `*` like any other character (names are
 * not files). A pattern the package refuses (empty, or over its length limit) is a reason instead.
 */
export function nameMatcher(pattern: string): { ok: true; matches: (name: string) => boolean } | { ok: false; reason: string } {
  if (pattern === '') return { ok: false, reason: 'it is empty' };
  try {
    const isMatch = picomatchLib()(pattern, { dot: true });
    return { ok: true, matches: (name) => isMatch(name) };
  } catch (err) {
    // the package throws on input it cannot compile: a usage error, said as one
    return { ok: false, reason: (err as Error).message };
  }
}
