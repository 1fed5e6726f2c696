// Thin adapter over the `yaml` package: parse a file keeping source positions, so any value
// or key in it can be traced back to `file:line:col` and its source line.
import type { Document, LineCounter, Node } from 'yaml';
import { conflictAt, convertDocument, MERGE_CONFLICT, resolveHint, yamlLib, type YamlValueCache } from './store-adapter.js';
import type { Failure, SourceLocation } from './failure.js';

export type PathSegment = string | number;

export class YamlSource {
  private readonly lines: string[];
  private parsed: { doc: Document.Parsed; counter: LineCounter } | undefined;

  private constructor(
    readonly file: string,
    readonly text: string,
    /** the document's value, once known (from the value cache, or converted once on a miss) */
    private cached: { value: unknown } | undefined,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /**
   * Parses `text`; YAML syntax errors come back as failures pointing at their position. With a
   * value cache, a text seen before is not parsed at all until a position is asked for.
   */
  static parse(file: string, text: string, cache?: YamlValueCache): { source: YamlSource; failures: Failure[] } {
    const hit = cache?.get(text);
    if (hit) return { source: new YamlSource(file, text, hit), failures: [] };
    const source = new YamlSource(file, text, undefined);
    const { doc } = source.document();
    // git's conflict markers make a run of YAML errors that never say "merge": say the one thing
    const conflict = doc.errors.length > 0 ? conflictAt(text) : undefined;
    if (conflict !== undefined) {
      return { source, failures: [source.failureAt('yaml-syntax', `${MERGE_CONFLICT} (${resolveHint(file)})`, conflict.offset)] };
    }
    const failures = firstOfEachCause(doc.errors).map((e) =>
      source.failureAt('yaml-syntax', `YAML syntax error: ${firstLine(e.message)}`, pastIndent(text, pastComments(text, e.pos[0]))),
    );
    // an alias whose anchor is not set before it (a stage holding the anchor deleted) is not a
    // parse error to the yaml package, which throws only when the value is read
    if (failures.length === 0 && text.includes('*')) {
      const lib = yamlLib();
      lib.visit(doc, {
        Alias(_, node) {
          if (node.resolve(doc) === undefined) {
            failures.push(source.failureAt('yaml-syntax', `YAML syntax error: alias *${node.source} has no anchor &${node.source} before it`, node.range?.[0] ?? 0));
          }
        },
      });
    }
    if (failures.length > 0) return { source, failures };
    // converted now, while a failure can still be returned: the yaml package throws for too
    // many aliases (the caller's toJS() clones this value instead of converting again)
    const converted = convertDocument(doc);
    if (!converted.ok) {
      const message = converted.message.startsWith('alias ') ? `YAML syntax error: ${converted.message}` : converted.message;
      return { source, failures: [source.failureAt('yaml-syntax', message, converted.offset)] };
    }
    cache?.put(text, converted.value);
    source.cached = { value: converted.value };
    return { source, failures };
  }

  /** The parsed document with positions (parsed on first use when the value came from cache). */
  get doc(): Document.Parsed {
    return this.document().doc;
  }

  private document(): { doc: Document.Parsed; counter: LineCounter } {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = yamlLib();
      const counter = new LineCounter();
      // `<<: *anchor` merge keys, as DVC (ruamel) reads them: a stage can share another's keys
      const doc = parseDocument(this.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, merge: true });
      this.parsed = { doc, counter };
    }
    return this.parsed;
  }

  /** Plain JS value of the document (undefined for an empty file); a fresh object each call. */
  toJS(): unknown {
    if (this.cached) return structuredClone(this.cached.value);
    // only before parse() has converted it (never: parse converts every clean document)
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  location(offset: number): SourceLocation {
    const { line, col } = this.document().counter.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * The location of the value at `path` (as offsetOf), worked out only when line or col is first
   * read: stages carry a location for every dep and out, and a warm no-op run reads none of them,
   * so it need not parse the text at all when its value came from the cache.
   */
  locationOf(path: readonly PathSegment[], key?: string): SourceLocation {
    let resolved: SourceLocation | undefined;
    const get = (): SourceLocation => (resolved ??= this.location(this.offsetOf(path, key)));
    return {
      file: this.file,
      get line() {
        return get().line;
      },
      get col() {
        return get().col;
      },
    };
  }

  failureAt(kind: Failure['kind'], message: string, offset: number): Failure {
    const location = this.location(offset);
    return { kind, message, location, snippet: this.lines[location.line - 1] ?? '' };
  }

  /** Where the value at `path` starts; with `key`, where that map key starts instead. */
  offsetOf(path: readonly PathSegment[], key?: string): number {
    let node: unknown = this.doc.contents;
    let best = rangeStart(node) ?? 0;
    for (const seg of path) {
      const next = child(node, seg, this.doc);
      if (next === undefined) return best;
      node = next.value;
      best = rangeStart(next.value) ?? next.keyStart ?? best;
    }
    if (key !== undefined) {
      const k = child(node, key, this.doc);
      if (k?.keyStart !== undefined) return k.keyStart;
    }
    return best;
  }

  failureAtPath(kind: Failure['kind'], message: string, path: readonly PathSegment[], key?: string): Failure {
    return this.failureAt(kind, message, this.offsetOf(path, key));
  }

  /**
   * A failure at a part of the scalar at `path` rather than at its start: `find` is given the
   * scalar's text as written in the file (quotes, escapes, a block's indentation and all) and
   * returns the offset of the part in it, or undefined to point at the value's start, as
   * failureAtPath does (an alias, a part it cannot tell apart).
   */
  failureInValue(kind: Failure['kind'], message: string, path: readonly PathSegment[], find: (written: string) => number | undefined): Failure {
    const start = this.offsetOf(path);
    const node = nodeAt(this.doc.contents, path, this.doc);
    const { isScalar } = yamlLib();
    const range = isScalar(node) ? node.range : undefined;
    const at = range && range[0] === start ? find(this.text.slice(range[0], range[1])) : undefined;
    return this.failureAt(kind, message, at === undefined ? start : start + at);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** The node at `path`, or undefined when the path leads nowhere. */
function nodeAt(root: unknown, path: readonly PathSegment[], doc: Document.Parsed): unknown {
  let node = root;
  for (const seg of path) {
    const next = child(node, seg, doc);
    if (next === undefined) return undefined;
    node = next.value;
  }
  return node;
}

function child(node: unknown, seg: PathSegment, doc: Document.Parsed, depth = 0): { value: unknown; keyStart?: number } | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  if (isMap(node)) {
    const merged: unknown[] = [];
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (String(k) === String(seg)) {
        const keyStart = rangeStart(item.key);
        // `key:` with no value has a null value node; point at the key then
        return keyStart === undefined ? { value: item.value } : { value: item.value, keyStart };
      }
      // with merge keys on, the yaml package reads the key `<<` as the symbol Symbol(<<)
      if (typeof k === 'symbol' ? k.description === '<<' : k === '<<') merged.push(...(isSeq(item.value) ? item.value.items : [item.value]));
    }
    // a key that `<<: *anchor` brings in: where it is written, in the anchored mapping
    for (const from of merged) {
      const target = isAlias(from) ? from.resolve(doc) : from;
      const found = depth < 20 ? child(target, seg, doc, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  // a list item by its position: a number, or the digits of a dotted params key (`list.0`)
  const index = typeof seg === 'number' ? seg : /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : undefined;
  if (isSeq(node) && index !== undefined) {
    const item = node.items[index];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

/**
 * The yaml library places an indentation error where the comments above the offending item
 * begin (they belong to it); the line to mend is the item's own: the first line from `offset`
 * on that is neither blank nor a comment, if the error's offset is on such a line.
 */
function pastComments(text: string, offset: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (!/^\s*(#.*)?$/.test(line)) return start === text.lastIndexOf('\n', offset - 1) + 1 ? offset : start + (line.length - line.trimStart().length);
    if (end < 0) return offset;
    start = end + 1;
  }
}

/**
 * The errors to report: a key indented less than its siblings (` report:` under `stages:`) makes
 * the yaml package close the mapping there, so every correctly indented key after it is reported
 * too ("All mapping items must start at the same column" once per following stage). Only the
 * first of those is the user's mistake; the rest go away with it.
 */
function firstOfEachCause<E extends { code: string }>(errors: readonly E[]): E[] {
  const firstIndent = errors.findIndex((e) => e.code === 'BAD_INDENT');
  return errors.filter((e, i) => e.code !== 'BAD_INDENT' || i === firstIndent);
}

/** An offset in the indentation of its line (where the yaml package places BAD_INDENT) moved to the key after it. */
function pastIndent(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(start, offset))) return offset;
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i < text.length && text[i] !== '\n' && text[i] !== '\r' ? i : offset;
}
