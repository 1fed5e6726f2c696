// pipeline.yaml's text with one stage added or replaced (`pipe stage add`) or taken out (`pipe
// remove`), every other byte as the user wrote it: comments, blank lines, quoting, indentation.
// The `yaml` Document API finds where the stages table and each stage lie and writes the new
// stage's own lines; they are spliced into the original text. Where the file's shape leaves no clean place for them (a stages table
// written in flow style, `{a: ...}`), the Document is changed and written whole instead, which
// keeps the comments but may reformat other lines.
import { isDeepStrictEqual } from 'node:util';
import type { Document, Node, Pair } from 'yaml';
import { yamlLib } from './store-adapter.js';

/** `text` with stage `name` set to `body`: in place when it exists, else after the last stage. */
export function withStage(text: string, name: string, body: Record<string, unknown>): string {
  // a file written with CRLF line ends throughout keeps them, new lines included
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  if (crlf) return withStage(text.replace(/\r\n/g, '\n'), name, body).replace(/\n/g, '\r\n');
  const lib = yamlLib();
  const doc = lib.parseDocument(text);
  const spliced = splice(text, doc, name, body);
  // whatever the splice made must read back as the intended pipeline; otherwise (a layout the
  // splice misjudged) the Document writes it
  if (spliced !== undefined && readsAs(spliced, text, name, body)) return spliced;
  // (the top level is a mapping here: a file whose top level is not one fails to load first)
  const stages = doc.get('stages', true);
  if (lib.isMap(stages)) stages.set(name, doc.createNode(body));
  else doc.set('stages', doc.createNode({ [name]: body }));
  try {
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  } catch (e) {
    // another stage's alias of an anchor the replaced stage held (the yaml package will not write
    // it): the spliced text, which the loader's check then refuses, naming the alias at its line
    if (spliced !== undefined) return spliced;
    throw e;
  }
}

/**
 * `text` without stage `name` (a key of the stages table): its lines go, with the comment lines
 * right above its key at its own indentation (they speak of it) and the blank line that set it
 * apart from the stage before. Where the table is written in flow style the Document writes the
 * file whole. Undefined when the table has no such stage.
 */
export function withoutStage(text: string, name: string): string | undefined {
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  if (crlf) return withoutStage(text.replace(/\r\n/g, '\n'), name)?.replace(/\n/g, '\r\n');
  const lib = yamlLib();
  const doc = lib.parseDocument(text);
  const stages = doc.get('stages', true);
  if (!lib.isMap(stages) || !stages.items.some((p) => lib.isScalar(p.key) && String(p.key.value) === name)) return undefined;
  const expected = doc.toJS() as Record<string, unknown>;
  const table = { ...(expected['stages'] as Record<string, unknown>) };
  delete table[name];
  expected['stages'] = table;
  const cut = stages.flow ? undefined : cutStage(text, stages.items as Pair<Node, Node>[], name);
  if (cut !== undefined) {
    const parsed = lib.parseDocument(cut);
    // a table left with no stage reads as `stages:` with no value, which the loader takes as none
    let back: Record<string, unknown> | null | undefined;
    try {
      back = parsed.errors.length > 0 ? undefined : (parsed.toJS() as Record<string, unknown> | null);
    } catch {
      // an alias of an anchor the stage held: the loader says so, on the lines of this text
      return cut;
    }
    if (back && isDeepStrictEqual({ ...back, stages: back['stages'] ?? {} }, expected)) return cut;
  }
  stages.delete(name);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function cutStage(text: string, pairs: Pair<Node, Node>[], name: string): string | undefined {
  const lib = yamlLib();
  const index = pairs.findIndex((p) => lib.isScalar(p.key) && String(p.key.value) === name);
  const pair = pairs[index];
  const key = rangeOf(pair?.key);
  if (pair === undefined || key === undefined) return undefined;
  const stageCol = column(text, key[0]);
  const end = stageEnd(text, pair, stageCol);
  if (end === undefined) return undefined;
  let start = key[0] - stageCol;
  // the comments right above the key at its column are about it
  while (start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(prevStart, start - 1);
    if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length !== stageCol) break;
    start = prevStart;
  }
  // blank lines: those before it when a stage comes before, else those after it when one follows
  let blankStart = start;
  while (blankStart > 0) {
    const prevStart = text.lastIndexOf('\n', blankStart - 2) + 1;
    if (text.slice(prevStart, blankStart - 1).trim() !== '') break;
    blankStart = prevStart;
  }
  let blankEnd = end;
  while (blankEnd < text.length) {
    const lineEnd = endOfLine(text, blankEnd);
    if (text.slice(blankEnd, lineEnd).trim() !== '') break;
    blankEnd = Math.min(text.length, lineEnd + 1);
  }
  if (index > 0) return `${text.slice(0, blankStart)}${text.slice(end)}`;
  if (index < pairs.length - 1) return `${text.slice(0, start)}${text.slice(blankEnd)}`;
  return `${text.slice(0, start)}${text.slice(end)}`;
}

function splice(text: string, doc: Document.Parsed, name: string, body: Record<string, unknown>): string | undefined {
  const lib = yamlLib();
  const top = doc.contents;
  if (top === null || (lib.isScalar(top) && top.value === null)) {
    // an empty file, or comments only: the table goes at the end
    return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}stages:\n${stageLines(name, body, 2, 2)}`;
  }
  if (!lib.isMap(top) || top.flow) return undefined;
  const pair = top.items.find((p) => lib.isScalar(p.key) && p.key.value === 'stages');
  const keyStart = pair === undefined ? undefined : rangeOf(pair.key);
  if (pair === undefined || keyStart === undefined) return undefined;
  const tableCol = column(text, keyStart[0]);
  const table = pair.value;
  if (table === null || (lib.isScalar(table) && table.value === null) || (lib.isMap(table) && table.flow && table.items.length === 0)) {
    // `stages:` or `stages: {}` (a new project): the stage goes on the lines after the key, any
    // comment on the key's line staying there
    const valueRange = rangeOf(table);
    const start = valueRange !== undefined && lib.isMap(table) ? trimSpacesBefore(text, valueRange[0]) : keyStart[1];
    const removedEnd = valueRange !== undefined && lib.isMap(table) ? valueRange[1] : start;
    const lineEnd = endOfLine(text, removedEnd);
    const rest = text.slice(removedEnd, lineEnd);
    return `${text.slice(0, start)}${rest}\n${stageLines(name, body, tableCol + 2, 2)}${text.slice(lineEnd === text.length ? lineEnd : lineEnd + 1)}`;
  }
  if (!lib.isMap(table) || table.flow || table.items.length === 0) return undefined;
  const pairs = table.items as Pair<Node, Node>[];
  const firstKey = rangeOf(pairs[0]?.key);
  if (firstKey === undefined) return undefined;
  const stageCol = column(text, firstKey[0]);
  const step = stageCol - tableCol > 0 ? stageCol - tableCol : 2;
  const existing = pairs.find((p) => lib.isScalar(p.key) && String(p.key.value) === name);
  if (existing !== undefined) {
    const k = rangeOf(existing.key);
    const end = stageEnd(text, existing, stageCol);
    if (k === undefined || end === undefined) return undefined;
    // the key's own indentation stays; the new lines replace the stage from its key on
    return `${text.slice(0, k[0])}${stageLines(name, body, stageCol, step).slice(stageCol)}${text.slice(end)}`;
  }
  const last = pairs[pairs.length - 1];
  const end = last === undefined ? undefined : stageEnd(text, last, stageCol);
  if (end === undefined) return undefined;
  // stages set apart by blank lines get a blank line before the new one too
  const spaced = pairs.slice(1).some((p) => (p.key as { spaceBefore?: boolean } | null)?.spaceBefore === true);
  const lead = end > 0 && text[end - 1] !== '\n' ? '\n' : '';
  return `${text.slice(0, end)}${lead}${spaced ? '\n' : ''}${stageLines(name, body, stageCol, step)}${text.slice(end)}`;
}

/** The stage's lines, `name:` at column `indent` (0-based), its keys `step` further in; ends with a newline. */
function stageLines(name: string, body: Record<string, unknown>, indent: number, step: number): string {
  const lib = yamlLib();
  const own = new lib.Document({ [name]: body });
  const pad = ' '.repeat(indent);
  return own
    .toString({ lineWidth: 0, indent: step })
    .split('\n')
    .map((line) => (line === '' ? line : `${pad}${line}`))
    .join('\n');
}

/**
 * Where a stage's text ends: after the last line below its key that is indented deeper than the
 * key (its keys and values, comments among or after them), before the blank lines and the less
 * indented lines (the next stage, a comment about it, the next top-level key) that follow. Any
 * block mapping's entry ends so (config-text.ts uses it for pipe.config.yaml's).
 */
export function stageEnd(text: string, pair: Pair<Node, Node>, stageCol: number): number | undefined {
  const key = rangeOf(pair.key);
  if (key === undefined) return undefined;
  let end = Math.min(text.length, endOfLine(text, key[1]) + 1);
  for (let pos = end; pos < text.length; ) {
    const lineEnd = endOfLine(text, pos);
    const line = text.slice(pos, lineEnd);
    const next = Math.min(text.length, lineEnd + 1);
    if (line.trim() !== '') {
      if (line.length - line.trimStart().length <= stageCol) break;
      end = next;
    }
    pos = next;
  }
  return end;
}

/** Whether `candidate` holds what `original` holds, with stage `name` set to `body`. */
function readsAs(candidate: string, original: string, name: string, body: Record<string, unknown>): boolean {
  const lib = yamlLib();
  const parsed = lib.parseDocument(candidate);
  if (parsed.errors.length > 0) return false;
  const before = lib.parseDocument(original).toJS() as Record<string, unknown> | null;
  const expected = { ...(before ?? {}), stages: { ...((before?.['stages'] as Record<string, unknown> | null | undefined) ?? {}), [name]: body } };
  try {
    return isDeepStrictEqual(parsed.toJS(), expected);
  } catch {
    // an alias whose anchor went with the replaced stage (the yaml package throws on it): not the
    // intended pipeline; the loader's check then names the alias at its line
    return false;
  }
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ?? undefined;
}

export function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

export function endOfLine(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

function trimSpacesBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}
