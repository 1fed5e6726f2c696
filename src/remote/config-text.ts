// pipe.config.yaml's text with one setting changed (`pipe remote`), every other byte as the user
// wrote it: comments, blank lines, quoting, the other keys. The `yaml` Document API finds where
// each key and value lies; the change is spliced into the original text and the result must read
// back as the intended settings. Where the file's shape leaves no clean place for it (a mapping
// written in flow style, `remotes: {a: x}`), the Document is changed (setIn, deleteIn) and written
// whole instead, which keeps the comments but may reformat other lines. As stage-yaml.ts does for
// pipeline.yaml.
import { isDeepStrictEqual } from 'node:util';
import type { Document, Node, Pair } from 'yaml';
import { yamlLib } from '../stores/yaml-lib.js';
import { column, endOfLine, stageEnd } from '../engine/stage-yaml.js';

/** One change: a top-level key set or removed, or an entry of a top-level mapping set, removed or renamed. */
export type ConfigEdit =
  | { kind: 'set'; path: [string] | [string, string]; value: string }
  | { kind: 'delete'; path: [string] | [string, string] }
  | { kind: 'rename'; table: string; from: string; to: string }
  /**
   * One option of an entry of a table set (`value`) or removed (no `value`): an entry written as a
   * bare value (`nas: ssh://host/srv`) becomes a mapping holding it as `url:` and the option
   */
  | { kind: 'option'; table: string; entry: string; option: string; value?: string | number };

/** `text` with `edit` made. The text must parse (the caller refuses a file with a YAML error first). */
export function editConfigText(text: string, edit: ConfigEdit): string {
  // a file written with CRLF line ends throughout keeps them, new lines included
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  if (crlf) return editConfigText(text.replace(/\r\n/g, '\n'), edit).replace(/\n/g, '\r\n');
  const lib = yamlLib();
  const doc = lib.parseDocument(text);
  const expected = applied(plain(doc), edit);
  const spliced = splice(text, doc, edit);
  if (spliced !== undefined && readsAs(spliced, expected)) return spliced;
  if (edit.kind === 'set') doc.setIn(edit.path, edit.value);
  else if (edit.kind === 'delete') doc.deleteIn(edit.path);
  else if (edit.kind === 'option') {
    const entry = doc.getIn([edit.table, edit.entry], true);
    if (lib.isScalar(entry)) {
      if (edit.value !== undefined) doc.setIn([edit.table, edit.entry], doc.createNode({ url: entry.value, [edit.option]: edit.value }));
    } else if (edit.value === undefined) doc.deleteIn([edit.table, edit.entry, edit.option]);
    else doc.setIn([edit.table, edit.entry, edit.option], edit.value);
  } else {
    const table = doc.get(edit.table, true);
    if (lib.isMap(table)) {
      const pair = table.items.find((p) => lib.isScalar(p.key) && String(p.key.value) === edit.from);
      if (pair !== undefined) pair.key = doc.createNode(edit.to);
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The document's top-level mapping as plain data (empty for an empty file or one of comments only). */
function plain(doc: Document): Record<string, unknown> {
  const value: unknown = doc.toJS();
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function applied(before: Record<string, unknown>, edit: ConfigEdit): Record<string, unknown> {
  const after = { ...before };
  const tableOf = (key: string): Record<string, unknown> => {
    const t = after[key];
    return typeof t === 'object' && t !== null && !Array.isArray(t) ? { ...(t as Record<string, unknown>) } : {};
  };
  if (edit.kind === 'rename') {
    const table = tableOf(edit.table);
    after[edit.table] = Object.fromEntries(Object.entries(table).map(([k, v]) => [k === edit.from ? edit.to : k, v]));
    return after;
  }
  if (edit.kind === 'option') {
    const table = tableOf(edit.table);
    const was = table[edit.entry];
    // no entry yet (a local override of a committed remote): one holding the option alone
    const entry: Record<string, unknown> = typeof was === 'object' && was !== null && !Array.isArray(was) ? { ...(was as Record<string, unknown>) } : was === undefined ? {} : { url: was };
    if (edit.value === undefined) {
      if (typeof was !== 'object' || was === null) return after;
      delete entry[edit.option];
    } else entry[edit.option] = edit.value;
    table[edit.entry] = entry;
    after[edit.table] = table;
    return after;
  }
  const [key, entry] = edit.path;
  if (entry === undefined) {
    if (edit.kind === 'set') after[key] = edit.value;
    else delete after[key];
    return after;
  }
  const table = tableOf(key);
  if (edit.kind === 'set') table[entry] = edit.value;
  else delete table[entry];
  after[key] = table;
  return after;
}

/** Whether `candidate` parses to `expected` (a mapping left with no entries may read as `key:` with no value, or be gone). */
function readsAs(candidate: string, expected: Record<string, unknown>): boolean {
  const doc = yamlLib().parseDocument(candidate, { uniqueKeys: true });
  if (doc.errors.length > 0) return false;
  const got = plain(doc);
  for (const [k, v] of Object.entries(expected)) {
    if ((got[k] === null || !(k in got)) && typeof v === 'object' && v !== null && Object.keys(v).length === 0) got[k] = v;
  }
  return isDeepStrictEqual(got, expected);
}

function splice(text: string, doc: Document.Parsed, edit: ConfigEdit): string | undefined {
  const lib = yamlLib();
  const top = doc.contents;
  const empty = top === null || (lib.isScalar(top) && top.value === null);
  if (!empty && (!lib.isMap(top) || top.flow)) return undefined;
  const pairs = empty ? [] : ((top as { items: Pair<Node, Node>[] }).items);
  const find = (items: Pair<Node, Node>[], key: string): Pair<Node, Node> | undefined => items.find((p) => lib.isScalar(p.key) && String(p.key.value) === key);
  if (edit.kind === 'option') {
    const tablePair = find(pairs, edit.table);
    // a new table holding a new entry of this option alone
    if (tablePair === undefined && edit.value !== undefined) return appended(text, `${edit.table}:\n  ${scalar(edit.entry)}:\n    ${edit.option}: ${scalar(edit.value)}\n`);
    return splicedOption(text, tablePair?.value, edit);
  }
  const key = edit.kind === 'rename' ? edit.table : edit.path[0];
  const pair = find(pairs, key);
  const entry = edit.kind === 'rename' ? edit.from : edit.path[1];

  if (entry === undefined) {
    // a top-level key
    if (edit.kind === 'delete') return pair === undefined ? text : cutPair(text, pair, false);
    if (edit.kind !== 'set') return undefined;
    if (pair === undefined) return appended(text, `${key}: ${scalar(edit.value)}\n`);
    return replacedValue(text, pair, edit.value);
  }

  // an entry of the mapping under a top-level key
  const table = pair?.value;
  const tableEmpty = table === null || table === undefined || (lib.isScalar(table) && table.value === null);
  if (edit.kind === 'rename') {
    const item = lib.isMap(table) && !table.flow ? find(table.items as Pair<Node, Node>[], entry) : undefined;
    const range = item?.key?.range;
    if (range === undefined || range === null) return undefined;
    return `${text.slice(0, range[0])}${scalar(edit.to)}${text.slice(range[1])}`;
  }
  if (edit.kind === 'delete') {
    if (pair === undefined || tableEmpty) return text;
    if (!lib.isMap(table) || table.flow) return undefined;
    const items = table.items as Pair<Node, Node>[];
    const index = items.findIndex((p) => lib.isScalar(p.key) && String(p.key.value) === entry);
    const item = items[index];
    if (item === undefined) return text;
    const cut = cutPair(text, item, true, index > 0 ? 'before' : index < items.length - 1 ? 'after' : undefined);
    // the last entry gone: a bare `remotes:` line left (no comment on it, none under it) goes too
    const keyRange = pair.key?.range;
    if (cut === undefined || items.length > 1 || keyRange === undefined || keyRange === null) return cut;
    const lineStart = keyRange[0] - column(text, keyRange[0]);
    const lineEnd = endOfLine(cut, lineStart);
    const next = cut.slice(lineEnd + 1, endOfLine(cut, lineEnd + 1));
    const bare = /^[^#]*:\s*$/.test(cut.slice(lineStart, lineEnd)) && (lineEnd >= cut.length || next.trim() === '' || !/^\s/.test(next));
    return bare ? `${cut.slice(0, lineStart)}${cut.slice(Math.min(cut.length, lineEnd + 1))}` : cut;
  }
  const line = (col: number): string => `${' '.repeat(col)}${scalar(entry)}: ${scalar(edit.value)}\n`;
  if (pair === undefined) return appended(text, `${key}:\n${line(2)}`);
  const keyRange = pair.key?.range;
  if (keyRange === undefined || keyRange === null) return undefined;
  const keyCol = column(text, keyRange[0]);
  if (tableEmpty) {
    // `remotes:` with no value: the entry goes on the line after the key, any comment on the
    // key's line staying there
    const lineEnd = endOfLine(text, keyRange[1]);
    const rest = text.slice(lineEnd);
    return `${text.slice(0, lineEnd)}\n${line(keyCol + 2).slice(0, -1)}${rest === '' ? '\n' : rest}`;
  }
  if (!lib.isMap(table) || table.flow || table.items.length === 0) return undefined;
  return setInMapping(text, table.items as Pair<Node, Node>[], entry, edit.value);
}

/**
 * `key: value` set in a block mapping of `items` (at least one): the value replaced in place, or
 * a new line after the last entry, at the entries' column.
 */
function setInMapping(text: string, items: Pair<Node, Node>[], key: string, value: string | number): string | undefined {
  const lib = yamlLib();
  const existing = items.find((p) => lib.isScalar(p.key) && String(p.key.value) === key);
  if (existing !== undefined) return replacedValue(text, existing, value);
  const firstKey = items[0]?.key?.range;
  const last = items[items.length - 1];
  if (firstKey === undefined || firstKey === null || last === undefined) return undefined;
  const entryCol = column(text, firstKey[0]);
  const end = stageEnd(text, last, entryCol);
  if (end === undefined) return undefined;
  const lead = end > 0 && text[end - 1] !== '\n' ? '\n' : '';
  return `${text.slice(0, end)}${lead}${' '.repeat(entryCol)}${scalar(key)}: ${scalar(value)}\n${text.slice(end)}`;
}

/**
 * An `option` edit spliced into the text: a bare value becomes `url:` and the option on the lines
 * below its key (a comment after the value staying on the key's line); in a block mapping the
 * option's value is replaced, its line added after the last entry, or its lines cut.
 */
function splicedOption(text: string, table: Node | null | undefined, edit: Extract<ConfigEdit, { kind: 'option' }>): string | undefined {
  const lib = yamlLib();
  if (!lib.isMap(table) || table.flow) return undefined;
  const find = (items: Pair<Node, Node>[], key: string): Pair<Node, Node> | undefined => items.find((p) => lib.isScalar(p.key) && String(p.key.value) === key);
  const pair = find(table.items as Pair<Node, Node>[], edit.entry);
  if (pair === undefined && edit.value !== undefined && table.items.length > 0) {
    // a new entry of this option alone, after the table's last
    const firstKey = table.items[0]?.key as Node | null | undefined;
    const last = table.items[table.items.length - 1] as Pair<Node, Node> | undefined;
    const first = firstKey?.range;
    if (first === undefined || first === null || last === undefined) return undefined;
    const entryCol = column(text, first[0]);
    const end = stageEnd(text, last, entryCol);
    if (end === undefined) return undefined;
    const lead = end > 0 && text[end - 1] !== '\n' ? '\n' : '';
    return `${text.slice(0, end)}${lead}${' '.repeat(entryCol)}${scalar(edit.entry)}:\n${' '.repeat(entryCol + 2)}${edit.option}: ${scalar(edit.value)}\n${text.slice(end)}`;
  }
  const keyRange = pair?.key?.range;
  if (pair === undefined || keyRange === undefined || keyRange === null) return undefined;
  const entry = pair.value;
  const col = column(text, keyRange[0]);
  if (lib.isScalar(entry)) {
    if (edit.value === undefined) return text;
    const range = entry.range;
    if (range === undefined || range === null || entry.value === null) return undefined;
    const colon = text.indexOf(':', keyRange[1]);
    if (colon < 0 || colon > range[0]) return undefined;
    const lineEnd = endOfLine(text, range[1]);
    const after = text.slice(range[1], lineEnd);
    const ind = ' '.repeat(col + 2);
    // a comment after the value stays on the key's line; spaces alone go
    const rest = after.trim() === '' ? '' : after;
    return `${text.slice(0, colon + 1)}${rest}\n${ind}url: ${text.slice(range[0], range[1])}\n${ind}${edit.option}: ${scalar(edit.value)}${text.slice(lineEnd)}`;
  }
  if (!lib.isMap(entry) || entry.flow || entry.items.length === 0) return undefined;
  const items = entry.items as Pair<Node, Node>[];
  if (edit.value !== undefined) return setInMapping(text, items, edit.option, edit.value);
  const existing = find(items, edit.option);
  return existing === undefined ? text : cutPair(text, existing, false);
}

/** The text with a new key (or table) at its end. */
function appended(text: string, lines: string): string {
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${lines}`;
}

/** The pair's scalar value replaced, the key and any comment after the value kept. */
function replacedValue(text: string, pair: Pair<Node, Node>, value: string | number): string | undefined {
  const lib = yamlLib();
  const node = pair.value;
  if (!lib.isScalar(node) || node.range === undefined || node.range === null) return undefined;
  // `remote:` with no value: its range is empty, right after the colon
  if (node.value === null) {
    const keyEnd = pair.key?.range?.[1];
    if (keyEnd === undefined) return undefined;
    const colon = text.indexOf(':', keyEnd);
    if (colon < 0) return undefined;
    return `${text.slice(0, colon + 1)} ${scalar(value)}${text.slice(colon + 1)}`;
  }
  return `${text.slice(0, node.range[0])}${scalar(value)}${text.slice(node.range[1])}`;
}

/**
 * The text without the pair's lines (its key's line and the deeper lines under it); for an entry
 * of a table (`aboutIt`), also the comment lines right above it at its column, which speak of it,
 * and the blank lines that set it apart from the entry `before` it (or the one `after`, for the first).
 */
function cutPair(text: string, pair: Pair<Node, Node>, aboutIt: boolean, blanks?: 'before' | 'after'): string | undefined {
  const key = pair.key?.range;
  if (key === undefined || key === null) return undefined;
  const col = column(text, key[0]);
  const end = stageEnd(text, pair, col);
  if (end === undefined) return undefined;
  let start = key[0] - col;
  // another key on the same line before it (`a: 1, b: 2` is flow, never here): leave it to the Document
  if (text.slice(start, key[0]).trim() !== '') return undefined;
  while (aboutIt && start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(prevStart, start - 1);
    if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length !== col) break;
    start = prevStart;
  }
  let [from, to] = [start, end];
  if (blanks === 'before') {
    while (from > 0) {
      const prevStart = text.lastIndexOf('\n', from - 2) + 1;
      if (text.slice(prevStart, from - 1).trim() !== '') break;
      from = prevStart;
    }
  } else if (blanks === 'after') {
    while (to < text.length) {
      const lineEnd = endOfLine(text, to);
      if (text.slice(to, lineEnd).trim() !== '') break;
      to = Math.min(text.length, lineEnd + 1);
    }
  }
  return `${text.slice(0, from)}${text.slice(to)}`;
}

/** A string as a YAML plain or quoted scalar: `true`, `1.5`, `a: b` are quoted so they read back as strings. */
function scalar(value: string | number): string {
  return yamlLib().stringify(value, { lineWidth: 0, singleQuote: true }).replace(/\n$/, '');
}
