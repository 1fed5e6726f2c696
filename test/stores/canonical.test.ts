import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from '../../src/stores/index.js';
import { sha256 } from './helpers.js';

describe('canonical JSON and fingerprints', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same fingerprint whatever the insertion order, and a different one for a different value', () => {
    const a = fingerprint({ v: 1, cmd: 'echo', deps: { x: 'h1', y: 'h2' } });
    const b = fingerprint({ deps: { y: 'h2', x: 'h1' }, cmd: 'echo', v: 1 });
    expect(a).toBe(b);
    expect(a).toBe(sha256('{"cmd":"echo","deps":{"x":"h1","y":"h2"},"v":1}'));
    expect(fingerprint({ v: 2, cmd: 'echo', deps: { x: 'h1', y: 'h2' } })).not.toBe(a);
  });

  it('refuses values that are not data', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow('cannot encode function');
  });
});
