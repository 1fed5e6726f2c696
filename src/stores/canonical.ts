// Canonical JSON: the one byte encoding used wherever a value is hashed (run-cache keys, directory
// manifests, run entries). Object keys are sorted by code unit so that the encoding never depends
// on insertion order; `undefined` fields are dropped, as JSON.stringify does. Non-finite numbers
// (params.yaml's `.inf`, `-.inf`, `.nan`) are written as those YAML words, bare: no JSON value
// encodes to a bare word, so they can never collide with a string or with the encoding of any
// value accepted before, which stays byte for byte as it was (committed fingerprints depend on it).
import { hashBytes } from './hash-adapter.js';

export function canonicalJson(value: unknown): string {
  return encode(value);
}

function encode(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (Number.isNaN(value)) return '.nan';
      if (value === Infinity) return '.inf';
      if (value === -Infinity) return '-.inf';
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : encode(v))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodeUnits);
      return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/** Plain code-unit order (not locale order): the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hash of `canonicalJson(value)`. Callers put a version field in `value` (e.g. `{v: 1, ...}`) so
 * that a change of meaning changes every fingerprint.
 */
export function fingerprint(value: unknown): string {
  return hashBytes(canonicalJson(value));
}
