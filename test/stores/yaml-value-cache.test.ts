// The YAML value cache (.pipe/yaml-cache.json) only ever skips parsing: a value comes back for
// exactly the text it was stored for, in a fresh object, from a new process's view of the file;
// values JSON cannot carry exactly are never stored; a damaged cache file is an empty cache.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { YamlValueCache } from '../../src/stores/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pipe-yaml-cache-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test('a stored value comes back for the same text, from the file, as a fresh object', () => {
  const dir = tempDir();
  const value = { train: { lr: 0.0001, filters: [24, 48, 96], name: 'vgg', bn: true, none: null } };
  new YamlValueCache(dir).put('train:\n  lr: 0.0001\n', value);
  const reader = new YamlValueCache(dir); // a new process sees only the file
  const a = reader.get('train:\n  lr: 0.0001\n');
  expect(a).toEqual({ value });
  (a!.value as { train: { lr: number } }).train.lr = 5;
  expect(reader.get('train:\n  lr: 0.0001\n')).toEqual({ value });
});

test('any change to the text is a miss', () => {
  const dir = tempDir();
  new YamlValueCache(dir).put('a: 1\n', { a: 1 });
  const reader = new YamlValueCache(dir);
  expect(reader.get('a: 1 \n')).toBeUndefined();
  expect(reader.get('a: 2\n')).toBeUndefined();
  expect(reader.get('a: 1\n')).toEqual({ value: { a: 1 } });
});

test('values JSON would change (.inf, .nan, -0) are not stored', () => {
  const dir = tempDir();
  const cache = new YamlValueCache(dir);
  cache.put('x: .inf\n', { x: Infinity });
  cache.put('x: .nan\n', { x: NaN });
  cache.put('x: -0\n', { x: [-0] });
  cache.put('\n', undefined);
  const reader = new YamlValueCache(dir);
  for (const text of ['x: .inf\n', 'x: .nan\n', 'x: -0\n', '\n']) expect(reader.get(text)).toBeUndefined();
});

test('a damaged or foreign cache file is an empty cache, and the next put replaces it', () => {
  const dir = tempDir();
  const file = join(dir, 'yaml-cache.json');
  writeFileSync(file, '{"version":1,"entries":{');
  expect(new YamlValueCache(dir).get('a: 1\n')).toBeUndefined();
  writeFileSync(file, JSON.stringify({ version: 99, entries: {} }));
  const cache = new YamlValueCache(dir);
  expect(cache.get('a: 1\n')).toBeUndefined();
  cache.put('a: 1\n', { a: 1 });
  expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  expect(new YamlValueCache(dir).get('a: 1\n')).toEqual({ value: { a: 1 } });
});

test('it keeps the 16 most recent texts', () => {
  const dir = tempDir();
  const cache = new YamlValueCache(dir);
  for (let i = 0; i < 20; i++) cache.put(`n: ${i}\n`, { n: i });
  const reader = new YamlValueCache(dir);
  expect(reader.get('n: 3\n')).toBeUndefined();
  expect(reader.get('n: 4\n')).toEqual({ value: { n: 4 } });
  expect(reader.get('n: 19\n')).toEqual({ value: { n: 19 } });
});
