// Edits params.yaml (or another params file) through the yaml Document API, so comments, key
// order and layout survive. A scalar that gets a new value is replaced in the source text at the
// node's range (the text around it stays byte for byte, comment alignment included); other edits
// (a new key, a list) fall back to re-printing the Document, which keeps comments but normalises
// spacing. A .json params file is read as YAML too (as the engine reads it) but written as JSON:
// the stage that reads it may use JSON.parse.
import { posix } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { column, endOfLine, stageEnd } from '../engine/stage-yaml.js';
import { closestName } from '../engine/index.js';
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, Scalar, type Document, type Node, type Pair } from 'yaml';
import { convertDocument } from '../stores/yaml-adapter.js';
import { conflictAt, MERGE_CONFLICT, resolveHint } from '../stores/merge-conflict.js';
import { refuse, success, type Outcome } from './failure.js';
import { PARAMS_FILE } from './workspace.js';
import { looksFloat, pythonSafeTags, yamlNumber } from './yaml-number.js';

export interface Assignment {
  /** the params file it sets (root-relative, `-S other.yaml:key=value`); absent: params.yaml */
  file?: string;
  /**
   * Hydra's override prefixes (DVC's -S takes them too): `+key=value` adds a key the file does not
   * have (`add`), `++key=value` sets it whether there or not (`force`), `~key` removes it and
   * `~key=value` removes it only where it has that value (`remove`); absent: `key=value`, which
   * sets a key the file already has
   */
  op?: 'add' | 'force' | 'remove';
  key: string;
  /** parsed as YAML: `0.001` is a number, `true` a boolean, `[1, 2]` a list; undefined for a bare `~key` */
  value: unknown;
  /** as typed after the `=`, for messages (empty for a bare `~key`) */
  raw: string;
  /** `~key=value` was given with a value to match (`~key=` matches the empty string) */
  matches?: true;
}

const OP_PREFIX: Record<string, NonNullable<Assignment['op']>> = { '++': 'force', '+': 'add', '~': 'remove' };

/**
 * A `file:` before the key, as DVC's `-S [<filename>:]<param_name>=<param_value>`: only a prefix
 * of the text before the first `=` that ends in a params file's extension, so a `:` in a value
 * (`-S ingest.source=http://...`) or in a key never reads as one. Every params file is read as
 * YAML (JSON is YAML); pipe reads no other format.
 */
const FILE_PREFIX = /^([^:=]+\.(?:ya?ml|json)):/i;

/** `[file:][+|++|~]key=value` (or `[file:]~key`) from `-S`; the value is read as YAML. */
export function parseAssignment(text: string): Outcome<Assignment> {
  const prefix = FILE_PREFIX.exec(text);
  const file = prefix?.[1] !== undefined ? posix.normalize(prefix[1].trim()) : undefined;
  // Hydra's prefix goes on the key, after any file (`other.yaml:+opt.x=1`), as DVC reads it
  if (file !== undefined && /^(\+\+?|~)/.test(file)) {
    const op = /^(\+\+?|~)/.exec(file)?.[1] ?? '';
    return refuse(`-S '${text}': the '${op}' goes on the key, after the file: -S '${file.slice(op.length)}:${op}${text.slice(prefix?.[0].length ?? 0)}'`, { exitCode: 2 });
  }
  const afterFile = prefix !== null ? text.slice(prefix[0].length) : text;
  const opText = /^(\+\+|\+|~)/.exec(afterFile)?.[1];
  const op = opText === undefined ? undefined : OP_PREFIX[opText];
  const rest = afterFile.slice(opText?.length ?? 0);
  const eq = rest.indexOf('=');
  // `~key` alone removes the key whatever its value
  const bare = op === 'remove' && eq < 0;
  const key = bare ? rest.trim() : eq > 0 ? rest.slice(0, eq).trim() : '';
  if (key === '' || !/^[^.\s]+(\.[^.\s]+)*$/.test(key)) {
    const forms = op === 'remove' ? `expected ~key or ~key=value, e.g. -S '~train.dropout'` : op !== undefined ? `expected ${opText ?? ''}key=value, e.g. -S '${opText ?? ''}train.dropout=0.5'` : 'expected key=value, e.g. -S train.epochs=10';
    return refuse(`-S '${text}': ${forms}`, { exitCode: 2 });
  }
  const scope = { ...(file !== undefined && file !== PARAMS_FILE ? { file } : {}), ...(op !== undefined ? { op } : {}) };
  if (bare) return success({ ...scope, key, value: undefined, raw: '' });
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
  return success({ ...scope, key, value, raw, ...(op === 'remove' ? { matches: true as const } : {}) });
}

/** The -S text of an assignment, for hints: `+train.dropout=0.5`, `other.yaml:~opt.x`. */
export function spelledAssignment(a: Assignment, key = a.key): string {
  const op = a.op === 'add' ? '+' : a.op === 'force' ? '++' : a.op === 'remove' ? '~' : '';
  const value = a.op === 'remove' && a.matches === undefined ? '' : `=${a.raw}`;
  return `${a.file !== undefined ? `${a.file}:` : ''}${op}${key}${value}`;
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
  const doc = parseDocument(text, { lineCounter: lines, customTags: pythonSafeTags });
  if (doc.errors.length > 0) {
    // git's conflict markers: said as every other reader of params.yaml says them
    const conflict = conflictAt(text);
    if (conflict !== undefined) return refuse(MERGE_CONFLICT, { where: `${file}:${conflict.line}:1`, hint: resolveHint(file), exitCode: 2 });
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
    const refused = apply(target, a);
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

/** One -S assignment made in the editor, or the refusal naming its key. */
function apply(t: Target, a: Assignment): Outcome<string> | undefined {
  const path = segments(a.key);
  if (a.op === 'remove') return remove(t, a, path);
  const there = hasPath(t.doc, path);
  if (a.op === 'add' && there) {
    const node = t.doc.getIn(path, true);
    return refuse(`cannot add param '${a.key}': ${t.file} has it already (${inlineYaml(plainValue(node))}); +key=value adds only a key that is not there`, {
      where: nodeWhere(node, t.lines, t.file) ?? t.file,
      hint: `-S '${spelledAssignment({ ...a, op: undefined })}' changes it; -S '${spelledAssignment({ ...a, op: 'force' })}' sets it whether it is there or not`,
      exitCode: 2,
    });
  }
  if (a.op === 'add' || (a.op === 'force' && !there)) return add(t, a, path);
  return assign(t, a, path, a.key, a.value, a.raw);
}

/** A node's value as plain data (null for `key:`). */
function plainValue(node: unknown): unknown {
  if (isScalar(node)) return node.value ?? null;
  if (isCollection(node)) return node.toJSON() as unknown;
  return node ?? null;
}

/**
 * `+key=value` (or `++key=value` for a key that is not there): the key added under the deepest
 * mapping of its path the file has, with mappings made for the parts of the path it lacks
 * (`+train.opt.beta=0.9` where `train` has no `opt` adds `opt:` holding `beta: 0.9`).
 */
function add(t: Target, a: Assignment, path: (string | number)[]): Outcome<string> | undefined {
  const { doc, file } = t;
  let have = 0;
  while (have < path.length - 1 && hasPath(doc, path.slice(0, have + 1))) have++;
  const parentPath = path.slice(0, have);
  const parent = have === 0 ? doc.contents : doc.getIn(parentPath, true);
  const name = String(path[have]);
  const nested = path.slice(have + 1).reduceRight<unknown>((v, segment) => ({ [String(segment)]: v }), a.value);
  const nothing = parent === null || parent === undefined || (isScalar(parent) && parent.value === null);
  if (isMap(parent) || (have === 0 && nothing)) {
    t.editor.insert(parentPath, name, nested);
    return undefined;
  }
  if (nothing) {
    // `opt:` with no value: it becomes the mapping
    t.editor.set(parentPath, { [name]: nested });
    return undefined;
  }
  const at = parentPath.join('.');
  const kind = isSeq(parent) ? 'list' : typeName(plainValue(parent));
  if (have === 0) return refuse(`cannot add param '${a.key}': ${file} holds a ${kind}, not a mapping of params`, { where: file, hint: `write ${file} as \`key: value\` lines`, exitCode: 2 });
  return refuse(`cannot add param '${a.key}': '${at}' is a ${kind} in ${file}, not a mapping`, {
    where: nodeWhere(parent, t.lines, file) ?? file,
    hint: kind === 'list' ? `+key=value adds keys to mappings; give the whole list: -S '${spelledAssignment({ ...a, op: undefined }, at)}'` : `+key=value adds keys to mappings; -S '${spelledAssignment({ ...a, op: undefined, raw: inlineYaml({ [name]: nested }) }, at)}' makes '${at}' one`,
    exitCode: 2,
  });
}

/** `~key` / `~key=value`: the key removed (its lines cut), or the refusal. */
function remove(t: Target, a: Assignment, path: (string | number)[]): Outcome<string> | undefined {
  const { doc, lines, file } = t;
  if (!hasPath(doc, path)) {
    const near = nearKey(doc, path);
    return refuse(`cannot remove param '${a.key}': it is not in ${file}${near === undefined ? '' : `; did you mean '${near}'?`}`, {
      hint: near !== undefined ? `-S '${spelledAssignment(a, near)}'` : `~ removes a key ${file} has: check the spelling there`,
      exitCode: 2,
    });
  }
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  const node = doc.getIn(path, true);
  if (!isMap(parent)) {
    const at = parentPath.join('.');
    return refuse(`cannot remove '${a.key}': '${at}' is a list in ${file}; ~ removes a key of a mapping`, { where: nodeWhere(node, lines, file) ?? file, hint: `give the list without that item: -S '${spelledAssignment({ ...a, op: undefined, raw: '[...]' }, at)}'`, exitCode: 2 });
  }
  if (a.matches === true && !isDeepStrictEqual(plainValue(node), a.value ?? null)) {
    const given = a.raw.trim() === '' ? "'' (nothing after the '=' is the empty string)" : a.raw;
    return refuse(`param '${a.key}' is ${inlineYaml(plainValue(node))} in ${file}, not ${given}: ~key=value removes it only where it has that value`, {
      where: nodeWhere(node, lines, file) ?? file,
      hint: `-S '${spelledAssignment({ ...a, matches: undefined })}' removes it whatever its value`,
      exitCode: 2,
    });
  }
  t.editor.remove(path);
  return undefined;
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
      hint: near !== undefined ? `-S '${spelled(near)}=${raw}'` : `-S key=value sets only keys ${file} already has: check the spelling there, or add it: -S '${spelledAssignment({ ...a, op: 'add', raw }, key)}'`,
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
  t.editor.set(path, value, raw);
  return undefined;
}

/** A value as YAML on one line, for messages about one key of a mapping given to `-S`. */
function inlineYaml(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0, customTags: pythonSafeTags }).trimEnd();
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
  private splices: { start: number; end: number; text: string; id?: number }[] = [];
  private structural = false;
  /** keys were added or removed: the spliced text is checked to read as the Document before it is used */
  private reshaped = false;
  /** where in the text a flow collection set by an earlier edit stands (one a later edit may change again) */
  private readonly stands = new WeakMap<object, [number, number]>();

  constructor(private readonly text: string, private readonly doc: Document, private readonly json = false) {}

  /** `raw`: the value as typed to `-S`, whose form (`2.0` or `2`) a number keeps (yaml-number.ts). */
  set(path: (string | number)[], value: unknown, raw?: string): void {
    const node = this.doc.getIn(path, true);
    if (this.json) return this.setJson(path, node, value);
    const isLeaf = value === null || typeof value !== 'object';
    if (isScalar(node) && isLeaf) {
      if (node.value === value) return;
      let literal: string | undefined;
      if (typeof value === 'number') {
        // an integral number is written as a float where it was typed as one or, put back by
        // `exp apply`, where the key held a float (`l2: 0.1` back to `0.0`, not `0`)
        const was = node.range ? this.text.slice(node.range[0], node.range[1]) : '';
        const float = raw !== undefined ? looksFloat(raw) : typeof node.value === 'number' && looksFloat(was);
        literal = yamlNumber(value, float);
        if (float) node.minFractionDigits = 1;
        else delete node.minFractionDigits;
      } else literal = scalarText(node, value);
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
    // (a collection an earlier edit put there has no range of its own: it stands where the one it replaced stood)
    const range = isCollection(node) ? (node.range ?? this.stands.get(node)) : undefined;
    if (isCollection(node) && node.flow && range && (isCollection(replacement) || isLeaf)) {
      const [start, end] = range;
      if (!this.text.slice(start, end).includes('\n')) {
        if (isCollection(replacement)) {
          replacement.flow = true;
          this.stands.set(replacement, [start, end]);
        }
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
    const literal = stringify(value, { lineWidth: 0, customTags: pythonSafeTags }).trimEnd();
    if (literal.includes('\n')) return undefined;
    const comment = keyLine[2] === undefined ? '' : keyLine[1] ?? '';
    return { start: keyEnd, end, text: `: ${literal}${comment}${this.text.slice(start, end).endsWith('\n') ? '\n' : ''}` };
  }

  /**
   * Adds `key: value` to the mapping at `parentPath` (the top level for []): in a block mapping,
   * as lines after its last entry at its entries' column, every other byte kept; in a one-line
   * flow mapping, that mapping rewritten in place; elsewhere (and in JSON) by the Document.
   */
  insert(parentPath: (string | number)[], key: string, value: unknown): void {
    const parent = parentPath.length === 0 ? this.doc.contents : this.doc.getIn(parentPath, true);
    this.reshaped = true;
    if (!this.json && isMap(parent) && parent.flow && parentPath.length > 0) {
      this.set(parentPath, { ...(parent.toJSON() as Record<string, unknown>), [key]: value });
      return;
    }
    const spliced = this.json ? undefined : this.insertion(parent, key, value);
    if (parentPath.length === 0 && !isMap(parent)) this.doc.contents = this.doc.createNode({ [key]: value }) as typeof this.doc.contents;
    else this.doc.setIn([...parentPath, key], this.doc.createNode(value));
    if (spliced === undefined) this.structural = true;
    else this.splices.push({ ...spliced, id: this.splices.length });
  }

  /** Where and what to write for `insert`, or undefined where the text has no plain place for it. */
  private insertion(parent: unknown, key: string, value: unknown): { start: number; end: number; text: string } | undefined {
    const entry = (col: number): string =>
      stringify({ [key]: value }, { lineWidth: 0, customTags: pythonSafeTags }).split('\n').map((l) => (l === '' ? l : `${' '.repeat(col)}${l}`)).join('\n');
    // an empty file, or one of comments only: the key goes at its end
    if (parent === null || parent === undefined || (isScalar(parent) && parent.value === null)) {
      const lead = this.text === '' || this.text.endsWith('\n') ? '' : '\n';
      return { start: this.text.length, end: this.text.length, text: `${lead}${entry(0)}` };
    }
    if (!isMap(parent) || parent.flow) return undefined;
    const items = parent.items as Pair<Node, Node>[];
    // entries this Document added have no place in the text: the place is after the last one read
    const read = items.filter((p) => isScalar(p.key) && p.key.range);
    const first = read[0]?.key?.range;
    const last = read[read.length - 1];
    if (first === undefined || first === null || last === undefined) return undefined;
    const col = column(this.text, first[0]);
    const end = stageEnd(this.text, last, col);
    if (end === undefined) return undefined;
    const lead = end > 0 && this.text[end - 1] !== '\n' ? '\n' : '';
    return { start: end, end, text: `${lead}${entry(col)}` };
  }

  /**
   * Removes the key at `path` from its mapping: in a block mapping its lines are cut (the key's
   * line and the deeper ones under it), every other byte kept; the last key of a nested mapping
   * leaves `{}` after its parent's key; a one-line flow mapping is rewritten in place; elsewhere
   * (and in JSON) the Document writes the file.
   */
  remove(path: (string | number)[]): void {
    const parentPath = path.slice(0, -1);
    const parent = parentPath.length === 0 ? this.doc.contents : this.doc.getIn(parentPath, true);
    this.reshaped = true;
    if (!this.json && isMap(parent) && parent.flow && parentPath.length > 0) {
      const rest = { ...(parent.toJSON() as Record<string, unknown>) };
      delete rest[String(path[path.length - 1])];
      this.set(parentPath, rest);
      return;
    }
    let spliced: { start: number; end: number; text: string } | undefined;
    if (!this.json && isMap(parent) && !parent.flow) {
      const last = String(path[path.length - 1]);
      const pair = (parent.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && String(p.key.value) === last);
      spliced = parent.items.length === 1 && parentPath.length > 0 ? this.blockToScalar(parentPath, parent, {}) : pair === undefined ? undefined : this.cut(pair);
    }
    this.doc.deleteIn(path);
    if (spliced === undefined) this.structural = true;
    else this.splices.push(spliced);
  }

  /** The pair's lines, as a splice that removes them; undefined where another node shares its first line. */
  private cut(pair: Pair<Node, Node>): { start: number; end: number; text: string } | undefined {
    const key = pair.key?.range;
    if (key === undefined || key === null) return undefined;
    const col = column(this.text, key[0]);
    const start = key[0] - col;
    if (this.text.slice(start, key[0]).trim() !== '') return undefined;
    const end = stageEnd(this.text, pair, col);
    return end === undefined ? undefined : { start, end, text: '' };
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
    // (two keys added at one place are two splices, kept in the order given)
    const last = new Map(this.splices.map((s) => [s.id !== undefined ? `+${s.id}` : `${s.start}:${s.end}`, s]));
    const sorted = [...last.values()].sort((a, b) => a.start - b.start);
    const overlap = sorted.some((s, i) => i > 0 && (sorted[i - 1]?.end ?? 0) > s.start);
    if ((this.structural || overlap) && this.json) {
      const indent = /\n([ \t]+)\S/.exec(this.text)?.[1] ?? '  ';
      return `${JSON.stringify(this.doc.toJS(), null, indent)}\n`;
    }
    if (this.structural || overlap) return this.doc.toString();
    let out = this.text;
    for (const s of [...sorted].reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    // a key added or removed by splicing must read back as the Document has it (an indentation the
    // splice did not foresee would nest it elsewhere); where it does not, the Document writes it
    if (this.reshaped) {
      const back = parseDocument(out);
      if (back.errors.length > 0 || !isDeepStrictEqual(back.toJS() ?? {}, this.doc.toJS() ?? {})) return this.doc.toString();
    }
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
  const text = stringify(value, { lineWidth: 0, customTags: pythonSafeTags }).trimEnd();
  return text.includes('\n') ? undefined : text;
}

function nodeWhere(node: unknown, lines: LineCounter, file: string): string | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  const { line, col } = lines.linePos(range[0]);
  return `${file}:${line}:${col}`;
}
