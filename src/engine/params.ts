// params.yaml (and other params files): loading, dotted-key lookup, and `${key}` interpolation.
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Failure } from './failure.js';
import type { YamlValueCache } from './store-adapter.js';
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
    return { ok: true, data: source.toJS() ?? {}, source };
  }
}

/** Looks up `a.b.c` in nested mappings; `found: false` when any step is missing. */
export function lookupDotted(data: unknown, key: string): { found: boolean; value?: unknown } {
  let v: unknown = data;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !(part in (v as object))) {
      return { found: false };
    }
    v = (v as Record<string, unknown>)[part];
  }
  return { found: true, value: v };
}

// `\${...}` is not a reference: it is written as `${...}`, the backslash dropped (as in DVC), so a
// cmd can use a shell variable in braces (`echo \${HOME}`) and a path a literal `${`
const INTERPOLATION = /(?<!\\)\$\{\s*([A-Za-z0-9_.-]+)\s*\}/g;

/** `\${` → `${`: what an escaped reference leaves once the others are substituted. */
export function unescapeRefs(text: string): string {
  return text.includes('\\${') ? text.replace(/\\\$\{/g, '${') : text;
}

/** The keys `${...}` refers to in `text`, in order of appearance. */
export function interpolatedKeys(text: string): string[] {
  return [...text.matchAll(INTERPOLATION)].map((m) => m[1] ?? '');
}

/** Where each `${...}` of `text` starts (the index of its `$`), in order of appearance. */
export function refStarts(text: string): number[] {
  return [...text.matchAll(INTERPOLATION)].map((m) => m.index);
}

/** Replaces each `${key}` with `render(value)`; `values` must hold every key. */
export function interpolate(text: string, values: Map<string, unknown>, render: (v: unknown) => string): string {
  return replaceRefs(text, (key) => render(values.get(key)));
}

/** Replaces each `${key}` with what `replace` returns for it (undefined: leaves it as written). */
export function replaceRefs(text: string, replace: (key: string) => string | undefined): string {
  return unescapeRefs(text.replace(INTERPOLATION, (whole, key: string) => replace(key) ?? whole));
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
  return unescapeRefs(substituteInCmd(text, INTERPOLATION, (key) => cmdWords(values.get(key))));
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
