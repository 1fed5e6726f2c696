// `push/pull/fetch -v`: a `debug:` line on stderr for each object sent, fetched or skipped (already
// on the remote, already in the local cache), naming the output it belongs to; the summary line
// on stdout is as without -v.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

const h = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);
const sorted = (text: string): string[] => text.split('\n').filter((l) => l !== '').sort();

test('push -v, fetch -v and pull -v name each object moved or skipped', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo hi > a.txt\n    outs: [a.txt]\n', 'raw.csv': '1\n2\n' });
  const remote = `${rig.dir}-remote`;
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  expect((await rig.run('add', 'raw.csv')).code).toBe(0);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);

  const push = await rig.run('push', '-v', '-r', remote);
  expect([push.code, push.stdout]).toEqual([0, `pushed 2 objects (7 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`]);
  expect(sorted(push.stderr)).toEqual([`debug: push: sent ${h('1\n2\n')} (4 B) of raw.csv`, `debug: push: sent ${h('hi\n')} (3 B) of a.txt`].sort());
  const again = await rig.run('-v', 'push', '-r', remote);
  expect(sorted(again.stderr)).toEqual([`debug: push: skipped ${h('1\n2\n')} of raw.csv: already on the remote`, `debug: push: skipped ${h('hi\n')} of a.txt: already on the remote`].sort());

  rmSync(`${rig.dir}/cache/objects`, { recursive: true });
  const fetched = await rig.run('fetch', '-v', '-r', remote, 'a');
  expect([fetched.code, fetched.stderr]).toEqual([0, `debug: fetch: fetched ${h('hi\n')} (3 B) of a.txt\n`]);
  const pulled = await rig.run('pull', '--verbose', '-r', remote);
  expect(pulled.code).toBe(0);
  expect(sorted(pulled.stderr)).toEqual([`debug: pull: fetched ${h('1\n2\n')} (4 B) of raw.csv`, `debug: pull: skipped ${h('hi\n')} of a.txt: already in the local cache`].sort());
  // without -v: the same stdout, no debug line
  const plain = await rig.run('push', '-r', remote);
  expect([plain.code, plain.stderr]).toEqual([0, '']);
});
