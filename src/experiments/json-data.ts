// JSON as the data files of ML stages write it: Python's json.dump writes NaN, Infinity and
// -Infinity as those bare words (a diverged run's `{"loss": NaN}`), which JSON.parse refuses, and
// which DVC reads as numbers. Used for metrics and plots files and experiment records only;
// pipe's own state files stay strict JSON.
//
// A text JSON.parse accepts is parsed by it, so such files read exactly as before. Only a text
// it refuses goes through the small parser below: strict JSON (RFC 8259: no comments, no
// trailing commas, no single quotes) plus those three words as values, as Python's json module
// reads it; and where the text is not that either, the line and column of the first error, which
// Node's messages do not always give.
import { randomBytes } from 'node:crypto';

export type JsonParsed = { ok: true; value: unknown } | { ok: false; line: number; col: number; message: string };

export function parseJsonData(text: string): JsonParsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // below: the words JSON lacks, or where the error is
  }
  const p = new Parser(text);
  try {
    return { ok: true, value: p.document() };
  } catch (err) {
    if (!(err instanceof SyntaxAt)) throw err;
    const before = text.slice(0, err.at);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { ok: false, line: before.split('\n').length, col: err.at - lineStart + 1, message: err.message };
  }
}

/**
 * JSON.stringify(value, null, indent), except that non-finite numbers are written as Python's
 * json.dump writes them (NaN, Infinity, -Infinity) rather than as null, so parseJsonData gives
 * them back. A value without any is exactly JSON.stringify's text.
 */
export function stringifyJsonData(value: unknown, indent?: number): string {
  if (!hasNonFinite(value)) return JSON.stringify(value, null, indent);
  // each non-finite number becomes a marker string no other string in the value can equal (a
  // fresh random part), then the quoted markers become the bare words
  const mark = `pipe-non-finite-${randomBytes(12).toString('hex')}:`;
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${mark}${nonFiniteWord(v)}` : v), indent);
  return text.split(`"${mark}`).map((part, i) => (i === 0 ? part : part.replace(/^(NaN|Infinity|-Infinity)"/, '$1'))).join('');
}

/** `NaN`, `Infinity` or `-Infinity`: how Python's json.dump writes a non-finite number. */
export function nonFiniteWord(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

export function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

class SyntaxAt extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

/** Deeper than this is reported rather than risking the stack (JSON.parse took anything valid). */
const MAX_DEPTH = 2000;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORDS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];

class Parser {
  private i = 0;

  constructor(private readonly s: string) {}

  document(): unknown {
    this.space();
    const v = this.value(0);
    this.space();
    if (this.i < this.s.length) this.fail(`unexpected ${this.found()} after the value`);
    return v;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const [w, v] of WORDS) {
      if (this.s.startsWith(w, this.i)) {
        this.i += w.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m !== null && m[0] !== '-') {
      this.i += m[0].length;
      return Number(m[0]);
    }
    return this.fail(`expected a value, found ${this.found()}`);
  }

  private object(depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.i++; // {
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${this.found()}`);
      const key = this.string();
      this.space();
      if (this.s[this.i] !== ':') this.fail(`expected ':' after the property name, found ${this.found()}`);
      this.i++;
      this.space();
      const v = this.value(depth + 1);
      // as JSON.parse: an own property, even one named __proto__
      if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
      this.space();
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        return obj;
      }
      if (c !== ',') this.fail(`expected ',' or '}' after a property value, found ${this.found()}`);
      this.i++;
      this.space();
    }
  }

  private array(depth: number): unknown[] {
    const arr: unknown[] = [];
    this.i++; // [
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      arr.push(this.value(depth + 1));
      this.space();
      const c = this.s[this.i];
      if (c === ']') {
        this.i++;
        return arr;
      }
      if (c !== ',') this.fail(`expected ',' or ']' after an array item, found ${this.found()}`);
      this.i++;
      this.space();
    }
  }

  /** A string token, checked here and decoded by JSON.parse (escapes, surrogates: its rules). */
  private string(): string {
    const start = this.i;
    let j = start + 1;
    for (;;) {
      const code = this.s.charCodeAt(j);
      if (j >= this.s.length) {
        this.i = start;
        this.fail('string not closed before the end of the file');
      }
      if (code === 0x22) break; // "
      if (code < 0x20) {
        this.i = j;
        this.fail('control character in a string (write it as an escape, \\n, \\t, \\u0000)');
      }
      if (code === 0x5c) {
        const e = this.s[j + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(j + 2, j + 6))) j += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else {
          this.i = j;
          this.fail(`bad escape in a string: ${JSON.stringify(this.s.slice(j, j + 2))}`);
        }
        continue;
      }
      j++;
    }
    this.i = j + 1;
    return JSON.parse(this.s.slice(start, j + 1)) as string;
  }

  private space(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else return;
    }
  }

  private found(): string {
    if (this.i >= this.s.length) return 'the end of the file';
    const c = this.s.codePointAt(this.i) ?? 0;
    const ch = String.fromCodePoint(c);
    return c < 0x20 ? JSON.stringify(ch) : `'${ch}'`;
  }

  private fail(message: string): never {
    throw new SyntaxAt(this.i, message);
  }
}
