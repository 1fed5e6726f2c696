// pipeline.yaml's text with one stage's `frozen` key set or taken out (`pipe freeze`, `pipe
// unfreeze`), every other byte as the user wrote it: the key's own line is added, rewritten or
// cut, nothing else. A foreach stage holds its keys under `do:`, so its flag goes there. Where the
// stage is written in a shape a line edit cannot serve (flow style, `{cmd: ...}`), the `yaml`
// Document is changed and written whole instead, which keeps comments but may reformat lines.
import { isDeepStrictEqual } from 'node:util';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { yamlLib } from './store-adapter.js';

/** `text` with stage `name`'s `frozen` set to true, or removed (`frozen: undefined`). */
export function withFrozen(text: string, name: string, frozen: true | undefined): string {
  // a file written with CRLF line ends throughout keeps them
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  if (crlf) return withFrozen(text.replace(/\r\n/g, '\n'), name, frozen).replace(/\n/g, '\r\n');
  const lib = yamlLib();
  const doc = lib.parseDocument(text);
  const path = keyPath(doc, name);
  const expected = doc.toJS() as Record<string, unknown>;
  const body = dig(expected, path.slice(0, -1));
  if (body !== undefined) {
    if (frozen === undefined) delete body['frozen'];
    else body['frozen'] = true;
  }
  const spliced = splice(text, doc, path, frozen);
  if (spliced !== undefined && readsAs(spliced, expected)) return spliced;
  if (frozen === undefined) doc.deleteIn(path);
  else doc.setIn(path, true);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Where the flag lives: `stages.<name>.frozen`, or `stages.<name>.do.frozen` for a foreach stage. */
function keyPath(doc: Document.Parsed, name: string): string[] {
  const stage = doc.getIn(['stages', name], true);
  const lib = yamlLib();
  return lib.isMap(stage) && stage.has('foreach') ? ['stages', name, 'do', 'frozen'] : ['stages', name, 'frozen'];
}

function dig(value: unknown, path: string[]): Record<string, unknown> | undefined {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at !== null && typeof at === 'object' && !Array.isArray(at) ? (at as Record<string, unknown>) : undefined;
}

function splice(text: string, doc: Document.Parsed, path: string[], frozen: true | undefined): string | undefined {
  const lib = yamlLib();
  const body = doc.getIn(path.slice(0, -1), true);
  if (!lib.isMap(body) || body.flow) return undefined;
  const pairs = (body as YAMLMap<Node, Node>).items as Pair<Node, Node>[];
  const existing = pairs.find((p) => lib.isScalar(p.key) && p.key.value === 'frozen');
  if (existing !== undefined) {
    const key = existing.key.range;
    const value = existing.value?.range;
    if (key === undefined || key === null || value === undefined || value === null) return undefined;
    // the key must start its own line for the line to be cut
    const lineStart = text.lastIndexOf('\n', key[0] - 1) + 1;
    if (text.slice(lineStart, key[0]).trim() !== '') return undefined;
    if (frozen === true) return `${text.slice(0, value[0])}true${text.slice(value[1])}`;
    const lineEnd = endOfLine(text, value[1]);
    return `${text.slice(0, lineStart)}${text.slice(Math.min(text.length, lineEnd + 1))}`;
  }
  if (frozen === undefined) return text;
  const first = pairs[0]?.key.range;
  const last = pairs[pairs.length - 1];
  const end = last?.value?.range ?? last?.key.range;
  if (first === undefined || first === null || end === undefined || end === null) return undefined;
  const lineStart = text.lastIndexOf('\n', first[0] - 1) + 1;
  if (text.slice(lineStart, first[0]).trim() !== '') return undefined;
  const pad = text.slice(lineStart, first[0]);
  // after the last line of the stage's last value (its trailing comment stays on it)
  let pos = end[1];
  while (pos > 0 && /\s/.test(text[pos - 1] ?? '')) pos--;
  const lineEnd = endOfLine(text, pos);
  return `${text.slice(0, lineEnd)}\n${pad}frozen: true${text.slice(lineEnd)}`;
}

/** Whether `candidate` parses to `expected`: the splice misjudged nothing. */
function readsAs(candidate: string, expected: unknown): boolean {
  const parsed = yamlLib().parseDocument(candidate);
  if (parsed.errors.length > 0) return false;
  try {
    return isDeepStrictEqual(parsed.toJS(), expected);
  } catch {
    return false;
  }
}

function endOfLine(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}
