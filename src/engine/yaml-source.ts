// Thin adapter over the `yaml` package: parse a file keeping source positions, so any value
// or key in it can be traced back to `file:line:col` and its source line.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Failure, SourceLocation } from './failure.js';

export type PathSegment = string | number;

export class YamlSource {
  private readonly lines: string[];

  private constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document.Parsed,
    private readonly counter: LineCounter,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** Parses `text`; YAML syntax errors come back as failures pointing at their position. */
  static parse(file: string, text: string): { source: YamlSource; failures: Failure[] } {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, text, doc, counter);
    const failures = doc.errors.map((e) =>
      source.failureAt('yaml-syntax', `YAML syntax error: ${firstLine(e.message)}`, e.pos[0]),
    );
    return { source, failures };
  }

  /** Plain JS value of the document (undefined for an empty file). */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  location(offset: number): SourceLocation {
    const { line, col } = this.counter.linePos(offset);
    return { file: this.file, line, col };
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
      const next = child(node, seg);
      if (next === undefined) return best;
      node = next.value;
      best = rangeStart(next.value) ?? next.keyStart ?? best;
    }
    if (key !== undefined) {
      const k = child(node, key);
      if (k?.keyStart !== undefined) return k.keyStart;
    }
    return best;
  }

  failureAtPath(kind: Failure['kind'], message: string, path: readonly PathSegment[], key?: string): Failure {
    return this.failureAt(kind, message, this.offsetOf(path, key));
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function child(node: unknown, seg: PathSegment): { value: unknown; keyStart?: number } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (String(k) === String(seg)) {
        const keyStart = rangeStart(item.key);
        // `key:` with no value has a null value node; point at the key then
        return keyStart === undefined ? { value: item.value } : { value: item.value, keyStart };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}
