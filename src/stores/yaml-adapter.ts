// The one module that talks to the YAML package for the stores (pipeline.lock, the remote config):
// parse with source positions, and render deterministically.
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { YamlValueCache } from './yaml-value-cache.js';

export interface ParsedYaml {
  /** the document with positions (parsed on first use when the value came from the cache) */
  readonly doc: Document.Parsed;
  /** the document's plain value, a fresh object each call */
  toJS(): unknown;
  /** 1-based line/col of a character offset. */
  pos(offset: number): { line: number; col: number };
}

export type YamlParse =
  | { ok: true; value: ParsedYaml }
  | { ok: false; message: string; line: number; col: number };

/**
 * Parses `text`. With a value cache, a text that parsed cleanly before is not parsed again
 * until a position is asked for (only to report a failure).
 */
export function parseYaml(text: string, cache?: YamlValueCache): YamlParse {
  const hit = cache?.get(text);
  if (hit) return { ok: true, value: lazyParsed(text, hit.value) };
  const { doc, lineCounter } = parseWithPositions(text);
  const pos = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);
  const err = doc.errors[0];
  if (err) {
    const p = pos(err.pos[0]);
    return { ok: false, message: err.message.split('\n')[0] ?? err.message, line: p.line, col: p.col };
  }
  if (cache) {
    let value: unknown;
    try {
      value = doc.toJS();
    } catch {
      // too many aliases: the caller's toJS() throws again, and nothing is cached
      return { ok: true, value: { doc, toJS: () => doc.toJS(), pos } };
    }
    cache.put(text, value);
    // the caller's toJS() clones this instead of converting the document again
    return { ok: true, value: { doc, toJS: () => structuredClone(value), pos } };
  }
  return { ok: true, value: { doc, toJS: () => doc.toJS(), pos } };
}

function parseWithPositions(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
}

function lazyParsed(text: string, value: unknown): ParsedYaml {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const get = (): { doc: Document.Parsed; lineCounter: LineCounter } => (parsed ??= parseWithPositions(text));
  return {
    get doc() {
      return get().doc;
    },
    toJS: () => structuredClone(value),
    pos: (offset) => get().lineCounter.linePos(offset),
  };
}

/** Position of the node at `path` (or of the closest existing ancestor). */
export function positionOf(parsed: ParsedYaml, path: (string | number)[]): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? parsed.doc.contents : parsed.doc.getIn(path.slice(0, n), true);
    if (yamlLib().isNode(node) && (node as Node).range) return parsed.pos((node as Node).range![0]);
  }
  return { line: 1, col: 1 };
}

/** Block-style YAML, no line folding, single-quoted strings where quoting is needed. */
export function renderYaml(value: unknown): string {
  return yamlLib().stringify(value, { lineWidth: 0, minContentWidth: 0, singleQuote: true });
}

/** Position of the key (not the value) of the mapping entry at `path`, e.g. an unknown key. */
export function keyPositionOf(parsed: ParsedYaml, path: (string | number)[]): { line: number; col: number } {
  const parentPath = path.slice(0, -1);
  const parent: unknown = parentPath.length === 0 ? parsed.doc.contents : parsed.doc.getIn(parentPath, true);
  const { isMap, isScalar } = yamlLib();
  if (isMap(parent)) {
    for (const item of parent.items) {
      if (isScalar(item.key) && item.key.value === path[path.length - 1] && item.key.range) return parsed.pos(item.key.range[0]);
    }
  }
  return positionOf(parsed, path);
}
