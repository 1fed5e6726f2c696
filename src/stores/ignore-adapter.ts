// The one adapter around the `ignore` package (gitignore pattern matching, as eslint and prettier
// use it), loaded on first use: a project without a .pipeignore never loads it, so a warm no-op
// costs what it did before. In the bundled CLI the package is its own CommonJS file next to the
// chunks (dist/bundle/ignore.cjs, built by scripts/bundle.mjs, also loaded from there by the scan
// worker); run from source (tests, tsx) it is the package itself. Callers see only compile() and
// the Matcher below.
import { createRequire } from 'node:module';
import type makeIgnore from 'ignore';

/** Set by scripts/bundle.mjs (esbuild `define`) to the bundled package's path; absent in source. */
declare const PIPE_IGNORE_BUNDLE: string | undefined;

const requireHere = createRequire(import.meta.url);
let lib: typeof makeIgnore | undefined;

function ignoreLib(): typeof makeIgnore {
  return (lib ??= requireHere(typeof PIPE_IGNORE_BUNDLE === 'string' ? PIPE_IGNORE_BUNDLE : 'ignore') as typeof makeIgnore);
}

/** One pattern line of an ignore file, with its 1-based line number. */
export interface PatternLine {
  pattern: string;
  line: number;
}

export interface Matcher {
  /** Whether `rel` (`/`-separated, relative to the rules' folder) is ignored, by a rule or a parent folder. */
  ignores(rel: string, isDir: boolean): boolean;
  /** The line of the rule that ignores `rel` (as `git check-ignore -v` names it), or undefined. */
  ruleLine(rel: string, isDir: boolean): number | undefined;
}

/**
 * A matcher for gitignore-syntax lines (comments and blank lines included or not: the package
 * skips them). Case-sensitive, as git is on Linux (the package's default is case-insensitive).
 */
export function compile(lines: readonly PatternLine[]): Matcher {
  const ig = ignoreLib()({ ignorecase: false }).add(lines.map((l) => ({ pattern: l.pattern, mark: String(l.line) })));
  const key = (rel: string, isDir: boolean): string => (isDir ? `${rel}/` : rel);
  return {
    ignores: (rel, isDir) => ig.ignores(key(rel, isDir)),
    ruleLine: (rel, isDir) => {
      const r = ig.test(key(rel, isDir));
      return r.ignored && r.rule?.mark !== undefined ? Number(r.rule.mark) : undefined;
    },
  };
}
