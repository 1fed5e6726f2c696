// params.yaml (and other params files): loading, dotted-key lookup, and `${key}` interpolation.
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Failure } from './failure.js';
import { yamlLib, type YamlValueCache } from './store-adapter.js';
import { YamlSource } from './yaml-source.js';
import { substituteInCmd } from './cmd-quote.js';

export const DEFAULT_PARAMS_FILE = 'params.yaml';

export type ParamsFile =
  | { ok: true; data: unknown; source: YamlSource }
  /** `format`: the file is in a format pipe does not read (by its extension, as DVC picks a reader) */
  | { ok: false; exists: boolean; failures: Failure[]; format?: string };

/** Params formats DVC reads that pipe does not, by extension; anything else is read as YAML (JSON is YAML). */
const UNREAD_FORMATS: Record<string, string> = { '.toml': 'TOML', '.py': 'Python' };

/** Reads and parses params files once per load; keyed by root-relative path. */
export class ParamsFiles {
  private readonly cache = new Map<string, ParamsFile>();

  /**
   * `texts`: params files' texts to read instead of the files (root-relative path → text):
   * `pipe exp run --dry` decides with its -S values without writing them. Parsed without the
   * value cache, so a dry run leaves no trace of them.
   */
  constructor(
    private readonly root: string,
    private readonly valueCache?: YamlValueCache,
    private readonly texts?: ReadonlyMap<string, string>,
  ) {}

  get(file: string): ParamsFile {
    let entry = this.cache.get(file);
    if (!entry) {
      entry = this.load(file);
      this.cache.set(file, entry);
    }
    return entry;
  }

  private load(file: string): ParamsFile {
    const given = this.texts?.get(file);
    let text: string;
    try {
      text = given ?? readFileSync(join(this.root, file), 'utf8');
    } catch {
      return { ok: false, exists: false, failures: [] };
    }
    const format = UNREAD_FORMATS[extname(file).toLowerCase()];
    if (format !== undefined) return { ok: false, exists: true, failures: [], format };
    const { source, failures } = YamlSource.parse(file, text, given === undefined ? this.valueCache : undefined);
    if (failures.length > 0) return { ok: false, exists: true, failures };
    const data = source.toJS() ?? {};
    if (holdsInexactInteger(data)) {
      const inexact = inexactIntegers(source);
      if (inexact.length > 0) return { ok: false, exists: true, failures: inexact };
    }
    return { ok: true, data, source };
  }
}

/** Whether `v` holds a whole number a double cannot hold exactly (past 2^53): cheap, on every load. */
function holdsInexactInteger(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v);
  if (v === null || typeof v !== 'object') return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(holdsInexactInteger);
}

/**
 * An integer written past 2^53 is read rounded (12345678901234567891 as 12345678901234567000):
 * the cmd would get, and the lock record, a value the file does not hold, and an edit of its
 * last digits would go unseen. Refused at the number, as DVC (Python) keeps it exact; a float
 * (`1e20`, `3.0e18`) is a float and is left as it is.
 */
function inexactIntegers(source: YamlSource): Failure[] {
  const failures: Failure[] = [];
  const { isScalar, visit } = yamlLib();
  visit(source.doc, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== 'number' || Number.isSafeInteger(node.value) || !Number.isInteger(node.value) || !node.range) return;
      const written = source.text.slice(node.range[0], node.range[1]).trim();
      if (!/^[-+]?[0-9][0-9_]*$/.test(written)) return;
      failures.push(
        source.failureAt(
          'params-file',
          `${written} is an integer too large to be read exactly (past 2^53 = 9007199254740992, it would be read as ${String(node.value)}): write it as a string ('${written}') to keep every digit`,
          node.range[0],
        ),
      );
    },
  });
  return failures;
}

/**
 * Looks up `a.b.c` in nested mappings, a number stepping into a list (`list.0`, as DVC's
 * `${list[0]}` and `${list.0}`); `found: false` when any step is missing.
 */
export function lookupDotted(data: unknown, key: string): { found: boolean; value?: unknown } {
  let v: unknown = data;
  for (const part of key.split('.')) {
    if (Array.isArray(v)) {
      if (!/^(0|[1-9][0-9]*)$/.test(part) || Number(part) >= v.length) return { found: false };
      v = v[Number(part)];
      continue;
    }
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return { found: false };
    v = (v as Record<string, unknown>)[part];
  }
  return { found: true, value: v };
}

// `${...}` as DVC reads it: everything up to the first `}`. `\${...}` is not a reference: it is
// written as `${...}`, the backslash dropped (as in DVC), so a cmd can use a shell variable in
// braces (`echo \${HOME}`) and a path a literal `${`. A `${` that no `}` closes is matched to the
// end of the text, so that it is refused (see refsIn) rather than left for the shell.
const INTERPOLATION = /(?<!\\)\$\{([^}]*)(\}|$)/g;

/** One `${...}` of a text: where its `$` is, and its key (`list[0]` read as `list.0`) or why it has none. */
export interface Ref {
  start: number;
  /** the text between the braces, as written */
  inner: string;
  key?: string;
  problem?: string;
}

/** `\${` → `${`: what an escaped reference leaves once the others are substituted. */
export function unescapeRefs(text: string): string {
  return text.includes('\\${') ? text.replace(/\\\$\{/g, '${') : text;
}

/** Every `${...}` of `text`, in order of appearance, the ones that cannot be read included. */
export function refsIn(text: string): Ref[] {
  if (!text.includes('${')) return [];
  return [...text.matchAll(INTERPOLATION)].map((m) => {
    const inner = m[1] ?? '';
    const read = readRef(inner, m[2] === '}');
    return { start: m.index, inner, ...read };
  });
}

/**
 * The dotted key a `${...}` names, as DVC's grammar reads it: a name (any characters but `.`,
 * `[` and `]`), then `.name` or `[name]` steps; `${list[0]}`, `${list.0}` and `${x[1].y}` step
 * into lists. What it cannot read gets a problem, said at the reference.
 */
function readRef(inner: string, closed: boolean): { key: string } | { problem: string } {
  if (!closed) return { problem: 'has no closing }' };
  const text = inner.trim();
  if (text === '') return { problem: 'names no key' };
  if (text.includes('{')) return { problem: `cannot hold '{' (a \${...} inside another is not read, as in DVC)` };
  const parts: string[] = [];
  const step = /^(?:\.([^.[\]]+)|\[([^.[\]]+)\])/;
  const first = /^[^.[\]]+/.exec(text);
  if (!first) return { problem: `must start with a key name, not '${text[0] ?? ''}'` };
  parts.push(first[0].trim());
  let rest = text.slice(first[0].length);
  while (rest !== '') {
    const m = step.exec(rest);
    if (!m) return { problem: `cannot be read from '${rest}' on` };
    parts.push((m[1] ?? m[2] ?? '').trim());
    rest = rest.slice(m[0].length);
  }
  if (parts.some((p) => p === '')) return { problem: 'has an empty key name' };
  return { key: parts.join('.') };
}

/** The keys `${...}` refers to in `text` (the readable ones), in order of appearance. */
export function interpolatedKeys(text: string): string[] {
  return refsIn(text).flatMap((r) => (r.key === undefined ? [] : [r.key]));
}

/** Where each `${...}` of `text` starts (the index of its `$`), in order of appearance. */
export function refStarts(text: string): number[] {
  return refsIn(text).map((r) => r.start);
}

/** Replaces each `${key}` with `render(value)`; `values` must hold every key. */
export function interpolate(text: string, values: Map<string, unknown>, render: (v: unknown) => string): string {
  return replaceRefs(text, (key) => render(values.get(key)));
}

/** Replaces each readable `${key}` with what `replace` returns for it (undefined: leaves it as written). */
export function replaceRefs(text: string, replace: (key: string) => string | undefined): string {
  if (!text.includes('${')) return text;
  return unescapeRefs(
    text.replace(INTERPOLATION, (whole, inner: string, close: string) => {
      const read = readRef(inner, close === '}');
      return 'key' in read ? (replace(read.key) ?? whole) : whole;
    }),
  );
}

export function plainText(v: unknown): string {
  // `.inf`/`.nan` as DVC writes them into a cmd (Python's str), not JSON's null
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Replaces each `${key}` in a cmd with its value, quoted for where it stands: shell-quoted outside
 * quotes (a plain word stays as it is), escaped for "..." inside double quotes, pasted inside
 * single quotes (cmd-quote.ts). `values` must hold every key.
 */
export function interpolateCmd(text: string, values: Map<string, unknown>): string {
  return unescapeRefs(
    substituteInCmd(text, INTERPOLATION, (inner) => {
      const read = readRef(inner, true);
      return cmdWords('key' in read ? values.get(read.key) : undefined);
    }),
  );
}

/**
 * A value as the words a cmd gets, as DVC unpacks them: a list's items in turn; a mapping as
 * `--key value` for each entry (`--key` alone for true, nothing for false or null); anything
 * else one word. `cmdValueProblem` has refused what cannot be written so.
 */
export function cmdWords(v: unknown): string | string[] {
  if (Array.isArray(v)) return v.map(plainText);
  if (v !== null && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => (x === true ? [`--${k}`] : x === false || x === null ? [] : [`--${k}`, plainText(x)]));
  }
  return plainText(v);
}

/** Why `v` cannot stand in a cmd's `${...}`, or undefined: a list or mapping holds only single values. */
export function cmdValueProblem(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const items = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  return items.some((x) => x !== null && typeof x === 'object') ? 'a list or mapping holding lists or mappings' : undefined;
}
