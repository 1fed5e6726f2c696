// Remembers the plain value of YAML texts that parsed cleanly, keyed by a hash of the text, in
// .pipe/yaml-cache.json. Why: on a warm no-op `pipe status` the YAML parser ran cold (not yet
// optimised by V8) over pipeline.yaml, params.yaml and pipeline.lock, and on a real project that
// cost more than walking 35,888 files; JSON.parse of the same values takes well under a
// millisecond. Source positions are only needed to report a failure, so the callers parse the
// text again (lazily) when they have one to report.
//
// The cache only ever skips work: a missing, unreadable or foreign cache file is a miss, a text
// with any change is a miss (the key is the text's hash), and values that JSON cannot carry
// exactly (.inf, .nan, -0) are never stored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'yaml-cache.json';
const VERSION = 1;
/** Enough for pipeline.yaml, a few params files and pipeline.lock, each in two revisions. */
const MAX_ENTRIES = 16;

interface CacheFile {
  version: number;
  /** text hash → the value as JSON text (parsed on each hit, so callers get a fresh object) */
  entries: Record<string, string>;
}

export class YamlValueCache {
  private entries: Map<string, string> | undefined;

  constructor(private readonly dir: string) {}

  /** The cache of the project at `root` (kept in `<root>/.pipe`). */
  static forProject(root: string): YamlValueCache {
    return new YamlValueCache(join(root, '.pipe'));
  }

  /** The value remembered for exactly this text, or undefined. */
  get(text: string): { value: unknown } | undefined {
    const json = this.load().get(keyOf(text));
    if (json === undefined) return undefined;
    try {
      return { value: JSON.parse(json) as unknown };
    } catch {
      return undefined;
    }
  }

  /** Remembers `value` as the parse of `text`, when JSON can carry it exactly. */
  put(text: string, value: unknown): void {
    if (value === undefined || !jsonExact(value)) return;
    const entries = this.load();
    const key = keyOf(text);
    const json = JSON.stringify(value);
    if (entries.get(key) === json) return;
    entries.delete(key);
    entries.set(key, json);
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    const file: CacheFile = { version: VERSION, entries: Object.fromEntries(entries) };
    try {
      mkdirSync(this.dir, { recursive: true });
      const target = join(this.dir, FILE);
      const tmp = `${target}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(file));
      renameSync(tmp, target);
    } catch {
      // read-only checkout: every load parses, as without the cache
    }
  }

  private load(): Map<string, string> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    try {
      const raw = JSON.parse(readFileSync(join(this.dir, FILE), 'utf8')) as Partial<CacheFile>;
      if (raw.version === VERSION && raw.entries !== null && typeof raw.entries === 'object') {
        for (const [k, v] of Object.entries(raw.entries)) if (typeof v === 'string') this.entries.set(k, v);
      }
    } catch {
      // no cache yet, or a damaged one: start empty
    }
    return this.entries;
  }
}

/** How a text is read: 2 since `<<` merge keys are merged (a text's value changed, not the file's format). */
const READING = 2;

function keyOf(text: string): string {
  return createHash('sha256').update(`pipe-yaml-value-${VERSION}-${READING}\n`).update(text).digest('hex');
}

/** True when JSON.parse(JSON.stringify(v)) gives back exactly `v`. */
function jsonExact(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonExact);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === '__proto__' || !jsonExact(x)) return false;
    }
    return true;
  }
  return false;
}
