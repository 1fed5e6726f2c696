// `${key}` in a cmd, quoted for where it stands in the shell text. DVC pastes the raw value, so a
// DVC cmd writes `--msg "${msg}"`; pipe quotes values so that a bare `${path}` with a space in it
// stays one word. Both must work: outside quotes a value is shell-quoted (a plain word stays as it
// is), inside "..." only what double quotes need is escaped, inside '...' the value is pasted with
// each ' written as '\''. The quote context comes from a small scanner of the cmd text (POSIX sh
// rules: backslash escapes, '...', "...", $(...) and `...` nested in them, # comments).

export type QuoteContext = 'bare' | 'double' | 'single';

/** What the scanner is inside of: an unquoted text (the top, or a `$(...)`), quotes, or backquotes. */
type Frame = { kind: 'top' } | { kind: 'subshell'; depth: number } | { kind: 'double' } | { kind: 'single' } | { kind: 'backquote' };

/**
 * Reads shell text a piece at a time, keeping the quote context across pieces: the `${...}`
 * references between pieces are taken as opaque (quoted) words and change no state.
 */
export class QuoteScanner {
  private readonly stack: Frame[] = [{ kind: 'top' }];
  /** the last character read was a word boundary (start, blank, or an operator) */
  private atWordStart = true;
  private inComment = false;

  /** The context a `${...}` standing at the current position is in. */
  context(): QuoteContext {
    if (this.inComment) return 'bare';
    const top = this.top();
    return top.kind === 'double' ? 'double' : top.kind === 'single' ? 'single' : 'bare';
  }

  /** Reads `text`, the literal cmd text up to the next `${...}` (or the end). */
  read(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      const next = text[i + 1];
      if (this.inComment) {
        if (c === '\n') {
          this.inComment = false;
          this.atWordStart = true;
        }
        continue;
      }
      const top = this.top();
      switch (top.kind) {
        case 'single':
          if (c === "'") this.stack.pop();
          break;
        case 'double':
          if (c === '\\') i++;
          else if (c === '"') this.stack.pop();
          else if (c === '`') this.stack.push({ kind: 'backquote' });
          else if (c === '$' && next === '(') {
            this.stack.push({ kind: 'subshell', depth: 0 });
            i++;
          }
          break;
        default: {
          // unquoted: the top, a $(...) or a `...`
          const wordStart = this.atWordStart;
          this.atWordStart = /[\s;&|()<>]/.test(c);
          if (c === '\\') {
            i++;
            this.atWordStart = false;
          } else if (c === "'") this.stack.push({ kind: 'single' });
          else if (c === '"') this.stack.push({ kind: 'double' });
          else if (c === '#' && wordStart) this.inComment = true;
          else if (c === '`') {
            if (top.kind === 'backquote') this.stack.pop();
            else this.stack.push({ kind: 'backquote' });
          } else if (c === '$' && next === '(') {
            this.stack.push({ kind: 'subshell', depth: 0 });
            this.atWordStart = true;
            i++;
          } else if (top.kind === 'subshell' && c === '(') top.depth++;
          else if (top.kind === 'subshell' && c === ')') {
            if (top.depth === 0) this.stack.pop();
            else top.depth--;
          }
        }
      }
    }
  }

  /** After a `${...}`: a value is a word, so what follows it does not start a new one. */
  word(): void {
    if (!this.inComment) this.atWordStart = false;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1] ?? { kind: 'top' };
  }
}

/** `value` (already text) written so that the shell reads it back unchanged where it stands. */
export function quoteIn(context: QuoteContext, s: string): string {
  switch (context) {
    case 'bare':
      if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
      return `'${s.replace(/'/g, `'\\''`)}'`;
    case 'double':
      return s.replace(/["$`\\]/g, (c) => `\\${c}`);
    case 'single':
      return s.replace(/'/g, `'\\''`);
  }
}

/** Each match of `pattern` (a global regex) in the cmd `text`, with the literal text before it and its quote context. */
function* referencesIn(text: string, pattern: RegExp): Generator<{ match: RegExpMatchArray; before: string; context: QuoteContext }> {
  const scanner = new QuoteScanner();
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    const before = text.slice(last, at);
    scanner.read(before);
    yield { match, before, context: scanner.context() };
    scanner.word();
    last = at + match[0].length;
  }
}

/**
 * Replaces each match of `pattern` (a global regex whose group 1 is the key) in the cmd `text`
 * with `render(key)` quoted for where it stands.
 */
export function substituteInCmd(text: string, pattern: RegExp, render: (key: string) => string | string[]): string {
  let out = '';
  let end = 0;
  for (const { match, before, context } of referencesIn(text, pattern)) {
    const value = render(match[1] ?? '');
    // several words (a list or mapping param): each its own word outside quotes, one text inside
    out += before + (typeof value === 'string' ? quoteIn(context, value) : context === 'bare' ? value.map((w) => quoteIn('bare', w)).join(' ') : quoteIn(context, value.join(' ')));
    end = (match.index ?? 0) + match[0].length;
  }
  return out + text.slice(end);
}

/** The quote context of each match of `pattern` in `text`, in order. */
export function quoteContexts(text: string, pattern: RegExp): QuoteContext[] {
  return [...referencesIn(text, pattern)].map((r) => r.context);
}
