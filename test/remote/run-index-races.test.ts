// Two pushes updating one key's run-index at once over a plain file server: each reads, merges and
// writes it, then reads it back; one whose ids another push's write replaced writes again, so
// neither id is lost. A push that keeps losing stops after INDEX_TRIES writes and says so (the next
// push mends it). An index is read as ids only: anything else in it is left out.
import { expect, test } from 'vitest';
import { decodeRunIndex, encodeRunIndex, INDEX_TRIES, updateRunIndexes } from '../../src/remote/run-index.js';
import type { UnlistedTransport } from '../../src/remote/transport.js';

const KEY = 'a'.repeat(64);
const [X, A, B] = ['1', '2', '3'].map((c) => c.repeat(64)) as [string, string, string];

/** An in-memory remote holding run-indexes; `afterPut` runs after each of this push's PUTs (another push's write). */
function fakeRemote(index: Map<string, string>, afterPut: (n: number) => void): UnlistedTransport & { puts: number } {
  const remote = {
    description: 'http://server/p',
    unlisted: true as const,
    prefixMissing: false,
    puts: 0,
    getRunIndex: async (key: string) => index.get(key),
    putRunIndex: async (key: string, text: string) => {
      index.set(key, text);
      remote.puts++;
      afterPut(remote.puts);
    },
  };
  return remote as unknown as UnlistedTransport & { puts: number };
}

test('another push overwrites the index right after this one wrote it: written again, no id lost', async () => {
  const index = new Map([[KEY, encodeRunIndex([X])]]);
  // the other push read {X} before this one wrote, and writes {X, B} after it
  const remote = fakeRemote(index, (n) => {
    if (n === 1) index.set(KEY, encodeRunIndex([X, B]));
  });
  expect(await updateRunIndexes(remote, [{ key: KEY, id: A }], 4)).toEqual([]);
  expect(remote.puts).toBe(2);
  expect(index.get(KEY)).toBe(`{"ids":["${X}","${A}","${B}"],"v":1}`);
});

test('nothing missing: one read, no write', async () => {
  const index = new Map([[KEY, encodeRunIndex([A, X])]]);
  const remote = fakeRemote(index, () => {});
  expect(await updateRunIndexes(remote, [{ key: KEY, id: A }], 4)).toEqual([]);
  expect(remote.puts).toBe(0);
});

test('overwritten after every write: gives up after INDEX_TRIES writes with a note', async () => {
  const index = new Map<string, string>();
  const remote = fakeRemote(index, () => index.set(KEY, encodeRunIndex([B])));
  expect(await updateRunIndexes(remote, [{ key: KEY, id: A }], 4)).toEqual([
    `the run-index of run-cache key ${KEY} on http://server/p kept being replaced by another push: run \`pipe push\` again once the others are done, so that a pull finds every entry`,
  ]);
  expect(remote.puts).toBe(INDEX_TRIES);
});

test('an index is read as its ids: not JSON, another version, or a name that is no id is left out', () => {
  expect(decodeRunIndex('not json')).toBeUndefined();
  expect(decodeRunIndex(`{"ids":["${A}"],"v":2}`)).toBeUndefined();
  expect(decodeRunIndex(`{"ids":["${A}","../../objects/x",7],"v":1}`)).toEqual([A]);
});
