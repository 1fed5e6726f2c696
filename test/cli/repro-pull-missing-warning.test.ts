// `pipe repro --pull` names what the remote lacks, as `pipe pull` does, as warnings (the stages
// whose outputs are missing simply run): tracked data the remote lacks is said before the stage
// reading it fails for want of it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { readLock } from '../../src/stores/index.js';
import { parse } from 'yaml';

test('repro --pull warns of each object the remote lacks', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const files = {
    'pipe.config.yaml': `remote: ${remote}\n`,
    'raw.csv': 'x\n',
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'cat raw.csv raw.csv > a.txt'))}\n    deps: [raw.csv]\n    outs: [a.txt]\n`,
  };
  const first = makeRig(files);
  expect((await first.run('add', 'raw.csv')).code).toBe(0);
  expect((await first.run('repro')).code).toBe(0);
  expect((await first.run('push')).code).toBe(0);
  const lock = readLock(first.dir);
  const out = lock.ok ? lock.value.stages.a?.outs[0]?.hash ?? '' : '';
  const raw = (parse(first.read('raw.csv.pipe')) as { outs: { hash: string }[] }).outs[0]?.hash ?? '';
  for (const h of [out, raw]) rmSync(join(remote, 'objects', h.slice(0, 2), h.slice(2)));

  const clone = makeRig({ 'pipe.config.yaml': files['pipe.config.yaml'], 'pipeline.yaml': files['pipeline.yaml'], 'raw.csv.pipe': first.read('raw.csv.pipe') });
  cpSync(join(first.dir, 'pipeline.lock'), join(clone.dir, 'pipeline.lock'));
  const r = await clone.run('repro', '--pull');
  expect([r.code, r.stdout]).toEqual([2, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`]);
  expect(r.stderr).toBe([
    `warning: pull: object ${out} (a.txt, stage a) is not on the remote ${remote}`,
    `warning: pull: object ${raw} (raw.csv) is not on the remote ${remote}`,
    "error: pipeline.yaml:4:12: stage 'a' cannot run: dep 'raw.csv' is tracked data missing from the workspace (raw.csv.pipe tracks it): `pipe checkout raw.csv` restores it (`pipe pull` first where the cache lacks it)",
    '      deps: [raw.csv]',
    '             ^',
    '',
  ].join('\n'));
  expect(clone.count('a')).toBe(0);
});
