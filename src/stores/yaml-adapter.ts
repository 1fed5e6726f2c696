// The one module that talks to the YAML package for the stores (pipeline.lock, the remote config):
// parse with source positions, and render deterministically.
import type { Alias, Document, LineCounter, Node } from 'yaml';
import { conflictAt, MERGE_CONFLICT } from './merge-conflict.js';
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
  /** `conflict`: the file holds git conflict markers (`message` says so, at the first one's line) */
  | { ok: false; message: string; line: number; col: number; conflict?: true };

/** A parse failure in words: `YAML syntax error: ...`, or the merge conflict that caused it. */
export function yamlProblem(failed: { message: string; conflict?: true }): string {
  return failed.conflict === true ? failed.message : `YAML syntax error: ${failed.message}`;
}

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
    const conflict = conflictAt(text);
    if (conflict !== undefined) return { ok: false, message: MERGE_CONFLICT, line: conflict.line, col: 1, conflict: true };
    const p = pos(err.pos[0]);
    return { ok: false, message: err.message.split('\n')[0] ?? err.message, line: p.line, col: p.col };
  }
  // converted here, where a failure can still be returned (the yaml package throws for too many aliases)
  const converted = convertDocument(doc);
  if (!converted.ok) {
    const p = pos(converted.offset);
    return { ok: false, message: converted.message, line: p.line, col: p.col };
  }
  const value = converted.value;
  cache?.put(text, value);
  // the caller's toJS() clones this instead of converting the document again
  return { ok: true, value: { doc, toJS: () => structuredClone(value), pos } };
}

/**
 * Most values aliases may expand to in one document (the yaml package's guard against "billion
 * laughs" files, which it throws for while converting).
 */
export const MAX_ALIAS_COUNT = 1000;

/**
 * The document's plain value, or why it has none with the offset to show: the yaml package
 * throws a bare ReferenceError when aliases expand too far, so the alias it stopped at is found
 * again by converting once more with each alias watched (only on that failure).
 */
export function convertDocument(doc: Document.Parsed): { ok: true; value: unknown } | { ok: false; message: string; offset: number } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const { visit } = yamlLib();
    let culprit: { node: Alias; error: unknown } | undefined;
    visit(doc, {
      Alias(_, node) {
        const own = node.toJSON.bind(node);
        node.toJSON = (arg?: unknown, ctx?: Parameters<typeof own>[1]) => {
          try {
            return own(arg, ctx);
          } catch (error) {
            culprit ??= { node, error }; // the innermost alias fails first
            throw error;
          }
        };
      },
    });
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      // the failure again, now with the alias known
    }
    const offset = culprit?.node.range?.[0] ?? 0;
    const name = culprit ? `*${culprit.node.source}` : 'an alias';
    const what = String((culprit?.error as Error | undefined)?.message ?? err.message);
    if (what.startsWith('Unresolved alias')) return { ok: false, offset, message: `alias ${name} has no anchor &${culprit?.node.source ?? ''} before it` };
    return {
      ok: false,
      offset,
      message: `too many YAML alias expansions at ${name} (pipe allows ${MAX_ALIAS_COUNT}, a guard against files that expand without end): write the values out, or use fewer aliases of aliases`,
    };
  }
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
