// Edits params.yaml (or another params file) through the yaml Document API, so comments, key
// order and layout survive. A scalar that gets a new value is replaced in the source text at the
// node's range (the text around it stays byte for byte, comment alignment included); other edits
// (a new key, a list) fall back to re-printing the Document, which keeps comments but normalises
// spacing. A .json params file is read as YAML too (as the engine reads it) but written as JSON:
// the stage that reads it may use JSON.parse.
import { posix } from 'node:path';
import { closestName } from '../engine/index.js';
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, Scalar, type Document } from 'yaml';
import { convertDocument } from '../stores/yaml-adapter.js';
import { refuse, success, type Outcome } from './failure.js';
import { PARAMS_FILE } from './workspace.js';

export interface Assignment {
  /** the params file it sets (root-relative, `-S other.yaml:key=value`); absent: params.yaml */
  file?: string;
  key: string;
  /** parsed as YAML: `0.001` is a number, `true` a boolean, `[1, 2]` a list */
  value: unknown;
  /** as typed, for messages */
  raw: string;
}

/**
 * A `file:` before the key, as DVC's `-S [<filename>:]<param_name>=<param_value>`: only a prefix
 * of the text before the first `=` that ends in a params file's extension, so a `:` in a value
 * (`-S ingest.source=http://...`) or in a key never reads as one. Every params file is read as
 * YAML (JSON is YAML); pipe reads no other format.
 */
const FILE_PREFIX = /^([^:=]+\.(?:ya?ml|json)):/i;

/** `[file:]key=value` from `-S`; the value is read as YAML. */
export function parseAssignment(text: string): Outcome<Assignment> {
  const prefix = FILE_PREFIX.exec(text);
  const file = prefix?.[1] !== undefined ? posix.normalize(prefix[1].trim()) : undefined;
  const rest = prefix !== null ? text.slice(prefix[0].length) : text;
  const eq = rest.indexOf('=');
  const key = eq > 0 ? rest.slice(0, eq).trim() : '';
  if (key === '' || !/^[^.\s]+(\.[^.\s]+)*$/.test(key)) {
    return refuse(`-S '${text}': expected key=value, e.g. -S train.epochs=10`, { exitCode: 2 });
  }
  const raw = rest.slice(eq + 1);
  const doc = parseDocument(raw);
  if (doc.errors.length > 0) {
    return refuse(`-S ${key}: '${raw}' is not a valid YAML value (${doc.errors[0]?.message.split('\n')[0]})`, { exitCode: 2 });
  }
  // nothing after the `=` is the empty string, as DVC's (Hydra's) `key=` is, not YAML's null:
  // null is asked for by name (`key=null`)
  // an alias (`*x`) throws in the yaml package when converted: refused as any other bad value
  const converted = raw.trim() === '' ? { ok: true as const, value: '' } : convertDocument(doc);
  if (!converted.ok) return refuse(`-S ${key}: '${raw}' is not a valid YAML value (${converted.message})`, { exitCode: 2 });
  const value = converted.value;
  // `params.yaml:key` is the plain key: one spelling, so its checks and messages are the same
  return success({ ...(file !== undefined && file !== PARAMS_FILE ? { file } : {}), key, value, raw });
}

/** The params file an assignment sets. */
export function assignmentFile(a: Assignment): string {
  return a.file ?? PARAMS_FILE;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : typeof v;
}

function parse(text: string, file: string): Outcome<{ doc: Document.Parsed; lines: LineCounter }> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e ? lines.linePos(e.pos[0]) : { line: 1, col: 1 };
    // the library's own `at line 1, column 4:` tail repeats the position given in front
    const message = (e?.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return refuse(`YAML syntax error: ${message}`, { where: `${file}:${pos.line}:${pos.col}`, exitCode: 2 });
  }
  return success({ doc, lines });
}

function segments(key: string): (string | number)[] {
  return key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Sets existing keys of `file` (whose text is `text`) only, each keeping its type (any number for
 * a number, and so on; a null accepts anything). Returns the new text; refuses (exit 2) naming
 * the key otherwise. The assignments' own `file` is the caller's to match.
 */
export function setParams(text: string, assignments: Assignment[], file = PARAMS_FILE): Outcome<string> {
  const parsed = parse(text, file);
  if (!parsed.ok) return parsed;
  const { doc, lines } = parsed.value;
  const target: Target = { doc, lines, file, editor: new Editor(text, doc, isJson(file)) };
  for (const a of assignments) {
    const refused = assign(target, a, segments(a.key), a.key, a.value, a.raw);
    if (refused) return refused;
  }
  return success(target.editor.result());
}

interface Target {
  doc: Document.Parsed;
  lines: LineCounter;
  file: string;
  editor: Editor;
}

/**
 * Sets `key` (at `path`) to `value` (typed as `raw`), or returns the refusal. A mapping given for
 * a mapping is merged into it key by key, as DVC's `-S` (Hydra's override) does: only the keys
 * given change, each checked as a key of its own (it must be there already and keep its type), so
 * no key is dropped and the rest of the file keeps its text.
 */
function assign(t: Target, a: Assignment, path: (string | number)[], key: string, value: unknown, raw: string): Outcome<string> | undefined {
  const { doc, lines, file } = t;
  const spelled = (k: string) => (a.file !== undefined ? `${a.file}:${k}` : k);
  if (!hasPath(doc, path)) {
    const near = nearKey(doc, path);
    return refuse(`unknown param '${key}': it is not in ${file}${near === undefined ? '' : `; did you mean '${near}'?`}`, {
      // -S edits what the file has; a key a stage does not know would be refused when it runs
      hint: near !== undefined ? `-S '${spelled(near)}=${raw}'` : `-S sets only keys ${file} already has: check the spelling there`,
      exitCode: 2,
    });
  }
  const node = doc.getIn(path, true);
  if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const refused = assign(t, a, [...path, k], `${key}.${k}`, v, inlineYaml(v));
      if (refused) return refused;
    }
    return undefined;
  }
  const old = isScalar(node) ? node.value : isCollection(node) ? (node.toJSON() as unknown) : node;
  // a null (`key: null`, `key:`) takes any value, and any param takes a null asked for by name
  // (`-S key=null`, `~`): the one way back to "unset" once a value was given
  if (old !== null && old !== undefined && value !== null && typeName(old) !== typeName(value)) {
    const empty = value === '';
    const hint = empty
      ? `give a ${typeName(old)}, or null to unset it: -S ${spelled(key)}=null`
      : typeName(old) === 'string'
        ? `quote it to pass a string: -S '${spelled(key)}="${raw}"'`
        : typeName(old) === 'number' && typeof value === 'string' && NON_FINITE_WORD.test(value)
          ? `YAML spells these numbers .nan, .inf and -.inf ('${raw}' is a string in YAML): -S '${spelled(key)}=${yamlNonFinite(value)}'`
          : `give a ${typeName(old)}`;
    const given = empty ? "nothing after the '=' is the empty string" : `'${raw}' is a ${typeName(value)}`;
    return refuse(`param '${key}' is a ${typeName(old)} in ${file}; ${given}`, { where: nodeWhere(node, lines, file) ?? file, hint, exitCode: 2 });
  }
  if (isJson(file) && hasNonFinite(value)) {
    return refuse(`param '${key}': ${file} is JSON, which has no NaN or infinity; '${raw}' cannot be written there`, {
      where: nodeWhere(node, lines, file) ?? file,
      hint: 'give a finite number, or keep such params in a YAML params file',
      exitCode: 2,
    });
  }
  t.editor.set(path, value);
  return undefined;
}

/** A value as YAML on one line, for messages about one key of a mapping given to `-S`. */
function inlineYaml(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
}

/** `nan`, `inf`, `-Infinity`...: words other languages use for the numbers YAML spells `.nan`, `.inf`. */
const NON_FINITE_WORD = /^[+-]?(nan|inf|infinity)$/i;

function yamlNonFinite(word: string): string {
  if (/nan/i.test(word)) return '.nan';
  return word.startsWith('-') ? '-.inf' : '.inf';
}

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

/** Puts every leaf of `params` (an experiment's data of params file `file`) back, keeping comments. */
export function restoreParams(text: string, params: unknown, file = PARAMS_FILE): Outcome<string> {
  const parsed = parse(text, file);
  if (!parsed.ok) return parsed;
  const { doc } = parsed.value;
  if (params === null || typeof params !== 'object') return success(text);
  const editor = new Editor(text, doc, isJson(file));
  const walk = (value: unknown, path: (string | number)[]): void => {
    const isPlainMap = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (isPlainMap && Object.keys(value).length > 0 && (path.length === 0 || isMap(doc.getIn(path, true)))) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, [...path, k]);
      return;
    }
    editor.set(path, value);
  };
  walk(params, []);
  return success(editor.result());
}

/**
 * The existing key spelled almost as `path`: each segment the file lacks replaced by the key
 * beside it spelled almost the same (`trian.lr` → `train.lr`, `train.lrr` → `train.lr`).
 */
function nearKey(doc: Document, path: (string | number)[]): string | undefined {
  const fixed: (string | number)[] = [];
  for (const segment of path) {
    if (hasPath(doc, [...fixed, segment])) {
      fixed.push(segment);
      continue;
    }
    const section: unknown = fixed.length === 0 ? doc.toJS() : (doc.getIn(fixed) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
    if (section === null || typeof section !== 'object' || Array.isArray(section)) return undefined;
    const near = closestName(String(segment), Object.keys(section));
    if (near === undefined) return undefined;
    fixed.push(near);
  }
  return fixed.join('.');
}

function hasPath(doc: Document, path: (string | number)[]): boolean {
  if (doc.hasIn(path)) return true;
  // hasIn is false for keys whose value is null (`key:`): look for the pair itself
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (isMap(parent)) return parent.items.some((p) => isScalar(p.key) && String(p.key.value) === String(last));
  if (isSeq(parent) && typeof last === 'number') return last < parent.items.length;
  return false;
}

function isJson(file: string): boolean {
  return /\.json$/i.test(file);
}

/**
 * Collects edits: text splices while every edit is a scalar → scalar change, else the Document.
 * In a JSON file every value in place is spliced as JSON, and anything else (a new key) re-prints
 * the whole file as JSON: JSON has no comments to lose, and the Document printer would write YAML.
 */
class Editor {
  private splices: { start: number; end: number; text: string }[] = [];
  private structural = false;

  constructor(private readonly text: string, private readonly doc: Document, private readonly json = false) {}

  set(path: (string | number)[], value: unknown): void {
    const node = this.doc.getIn(path, true);
    if (this.json) return this.setJson(path, node, value);
    const isLeaf = value === null || typeof value !== 'object';
    if (isScalar(node) && isLeaf) {
      if (node.value === value) return;
      const literal = scalarText(node, value);
      node.value = value;
      if (literal === undefined || !node.range) this.structural = true;
      else this.splice(node.range[0], node.range[1], literal);
      return;
    }
    if (!isLeaf && isCollection(node) && JSON.stringify(node.toJSON()) === JSON.stringify(value)) return;
    // a null scalar (`key: null`, `key:`) given a list or mapping: written in flow style where the
    // scalar stood, the rest of the text untouched
    if (isScalar(node) && node.range && node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) {
      this.doc.setIn(path, this.doc.createNode(value));
      this.splice(node.range[0], node.range[1], inlineYaml(value));
      return;
    }
    const replacement = this.doc.createNode(value);
    // before the Document changes: the pair that holds the block collection a scalar replaces
    const blockSplice = isLeaf && isCollection(node) && !node.flow ? this.blockToScalar(path, node, value) : undefined;
    this.doc.setIn(path, replacement);
    // a flow collection (`[48, 48, 1]`) on one line is replaced by one in the same style, or by
    // the scalar given for it (`-S key=null`)
    if (isCollection(node) && node.flow && node.range && (isCollection(replacement) || isLeaf)) {
      const [start, end] = node.range;
      if (!this.text.slice(start, end).includes('\n')) {
        if (isCollection(replacement)) replacement.flow = true;
        this.splice(start, end, inlineYaml(value));
        return;
      }
    }
    if (blockSplice) {
      this.splices.push(blockSplice);
      return;
    }
    this.structural = true;
  }

  /**
   * A block mapping or list under a key (`opt:` and the indented lines below it) replaced by a
   * scalar (`-S opt=null`): `opt: null` on the key's line, its comment kept, the lines below
   * dropped; the rest of the text untouched. Undefined where the text is not that plain shape
   * (an anchor or tag after the colon, a list item): the Document printer then writes it.
   */
  private blockToScalar(path: (string | number)[], node: { range?: [number, number, number] | null }, value: unknown): { start: number; end: number; text: string } | undefined {
    const parent = path.length > 1 ? this.doc.getIn(path.slice(0, -1), true) : this.doc.contents;
    if (!isMap(parent) || !node.range) return undefined;
    const pair = parent.items.find((p) => p.value === node);
    const keyEnd = isScalar(pair?.key) ? pair.key.range?.[1] : undefined;
    if (keyEnd === undefined) return undefined;
    const [start, end] = node.range;
    const keyLine = /^:([ \t]*(#[^\n]*)?)\n/.exec(this.text.slice(keyEnd, start));
    if (keyLine === null) return undefined;
    const literal = stringify(value, { lineWidth: 0 }).trimEnd();
    if (literal.includes('\n')) return undefined;
    const comment = keyLine[2] === undefined ? '' : keyLine[1] ?? '';
    return { start: keyEnd, end, text: `: ${literal}${comment}${this.text.slice(start, end).endsWith('\n') ? '\n' : ''}` };
  }

  private setJson(path: (string | number)[], node: unknown, value: unknown): void {
    if (isScalar(node) && node.value === value) return;
    if (isCollection(node) && JSON.stringify(node.toJSON()) === JSON.stringify(value)) return;
    const range = isScalar(node) || isCollection(node) ? node.range : undefined;
    // the Document follows every edit, so a later one (and the fallback) sees this one
    this.doc.setIn(path, this.doc.createNode(value));
    if (range) this.splices.push({ start: range[0], end: range[1], text: inlineJson(value) });
    else this.structural = true;
  }

  private splice(start: number, end: number, text: string): void {
    if (start === end) {
      // an empty value (`key:`, maybe followed by spaces and a comment): write it after the colon
      let p = start;
      while (p > 0 && (this.text[p - 1] === ' ' || this.text[p - 1] === '\t')) p--;
      if (this.text[p - 1] === ':') {
        this.splices.push({ start: p, end: p, text: ` ${text}` });
        return;
      }
    }
    this.splices.push({ start, end, text });
  }

  result(): string {
    // two edits of one place (`-S opt.name=x -S opt=null`) cannot both be spliced: the Document,
    // which took each in turn, writes the file
    // one place set twice (`-S lr=1 -S lr=2`): the last value, as the Document has it
    const last = new Map(this.splices.map((s) => [`${s.start}:${s.end}`, s]));
    const sorted = [...last.values()].sort((a, b) => a.start - b.start);
    const overlap = sorted.some((s, i) => i > 0 && (sorted[i - 1]?.end ?? 0) > s.start);
    if ((this.structural || overlap) && this.json) {
      const indent = /\n([ \t]+)\S/.exec(this.text)?.[1] ?? '  ';
      return `${JSON.stringify(this.doc.toJS(), null, indent)}\n`;
    }
    if (this.structural || overlap) return this.doc.toString();
    let out = this.text;
    for (const s of sorted.reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    return out;
  }
}

/** A value as JSON on one line, with a space after each comma and colon (`[0.9, 0.99]`). */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value as YAML source in the node's style, or undefined where a splice would be unsafe. */
function scalarText(node: Scalar, value: unknown): string | undefined {
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return undefined;
  if (typeof value === 'string') {
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
    if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  }
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  return text.includes('\n') ? undefined : text;
}

function nodeWhere(node: unknown, lines: LineCounter, file: string): string | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  const { line, col } = lines.linePos(range[0]);
  return `${file}:${line}:${col}`;
}
