// Hints after commander's bare "unknown option" for the flags a first-hour user tries where they
// do not belong: `-S key=value` is `pipe exp run`'s alone (repro and status read params.yaml), and
// `-s` on `exp run` is a miscased `-S`.

/** The line to add after commander's error text `error` (as it prints it) from command `path`, or ''. */
export function unknownOptionHint(error: string, path: string): string {
  const flag = /^error: unknown option '([^']*)'/.exec(error)?.[1];
  if (flag === undefined) return '';
  if (path === 'pipe exp run') return /^-s/.test(flag) ? '(Did you mean -S?)\n' : '';
  if (/^-S|^--set-param(=|$)|^--set(=|$)/.test(flag)) return 'hint: params are set with `pipe exp run -S key=value` (or edit params.yaml)\n';
  return '';
}
