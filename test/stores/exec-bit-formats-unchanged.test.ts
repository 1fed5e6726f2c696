// Recording the exec bit changed nothing for files that are not executable: the texts below were
// written by pipe before it recorded the bit (the same project, `pipe add data` and `pipe repro`),
// and pipe must still write them byte for byte: the .pipe file, pipeline.lock, the folder hashes
// (so every recorded folder stays up to date) and a run-cache entry's id. An executable file adds
// `isexec: true` after `nfiles` (lock, .pipe) and `"isexec":true` between hash and relpath (folder
// manifest), and nothing else.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { Hasher, StatCache, encodeRunEntry, decodeRunEntry, parseLock, renderLock, parseTrackingFile, renderTrackingFile } from '../../src/stores/index.js';

const DATA_PIPE = `schema: '1'
outs:
  - path: data
    hash: 61312fff09c8955d5d09596c7d038eeae2a9afd2a9671df84e82087381c70789.dir
    size: 4
    nfiles: 2
`;

const PIPELINE = `stages:
  gen:
    cmd: mkdir -p out/sub && echo x > out/x && echo y > out/sub/y && echo m > model.txt
    deps: [one.txt]
    outs: [out, model.txt]
`;

const LOCK = `schema: '1'
stages:
  gen:
    cmd: mkdir -p out/sub && echo x > out/x && echo y > out/sub/y && echo m > model.txt
    deps:
      - path: one.txt
        hash: 2c8b08da5ce60398e1f19af0e5dccc744df274b826abe585eaba68c525434806
        size: 4
        nfiles: 1
    params: {}
    outs:
      - path: model.txt
        hash: 01a60e35df88d8b49546cb3f8f4ba4f406870f9b8e1f394c9d48ab73548d748d
        size: 2
        nfiles: 1
      - path: out
        hash: ef5156790e8b3c155332cd8ed65ada7da104f4d3d62cfe8139f932785855d4ee.dir
        size: 4
        nfiles: 2
`;

test('a project without executable files gets the .pipe file, lock and folder hashes it always got', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'one.txt': 'one\n', 'data/a.txt': 'a\n', 'data/sub/b.txt': 'b\n' });
  expect((await rig.run('add', 'data')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('data.pipe')).toBe(DATA_PIPE);
  expect(rig.read('pipeline.lock')).toBe(LOCK);
  const hasher = new Hasher(rig.dir, { statCache: StatCache.inMemory() });
  expect(hasher.hashPathSync('data')).toEqual({ hash: '61312fff09c8955d5d09596c7d038eeae2a9afd2a9671df84e82087381c70789.dir', size: 4, nfiles: 2 });
  expect(hasher.hashPathSync('model.txt')).toEqual({ hash: '01a60e35df88d8b49546cb3f8f4ba4f406870f9b8e1f394c9d48ab73548d748d', size: 2, nfiles: 1 });
  // read and written again: the same bytes
  const lock = parseLock(LOCK);
  expect(lock.ok && renderLock(lock.value)).toBe(LOCK);
  const tracking = parseTrackingFile(DATA_PIPE, 'data.pipe');
  expect(tracking.ok && renderTrackingFile(tracking.value.out)).toBe(DATA_PIPE);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

  // one executable file: its entries gain isexec, nothing else moves
  chmodSync(join(rig.dir, 'model.txt'), 0o755);
  chmodSync(join(rig.dir, 'data/sub/b.txt'), 0o755);
  expect(hasher.hashPathSync('model.txt')).toEqual({ hash: '01a60e35df88d8b49546cb3f8f4ba4f406870f9b8e1f394c9d48ab73548d748d', size: 2, nfiles: 1, isexec: true });
  const data = hasher.hashPathDetailedSync('data');
  expect(data?.manifestBytes).toBe(
    '[{"hash":"87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7","relpath":"a.txt"},{"hash":"0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f","isexec":true,"relpath":"sub/b.txt"}]',
  );
  // a bit the lock lacks is no change (status, commit); `pipe add` records the data anew
  expect((await rig.run('commit', '-f')).stdout).toBe('gen: up to date\n0 stages committed.\n');
  expect(rig.read('pipeline.lock')).toBe(LOCK);
  expect((await rig.run('add', 'data')).code).toBe(0);
  expect(rig.read('data.pipe')).toBe(DATA_PIPE.replace('61312fff09c8955d5d09596c7d038eeae2a9afd2a9671df84e82087381c70789', sha256(data?.manifestBytes ?? '')));
  // a lock entry with the bit, read and written again
  const withExec = LOCK.replace('        nfiles: 1\n      - path: out', '        nfiles: 1\n        isexec: true\n      - path: out');
  const parsed = parseLock(withExec);
  expect(parsed.ok && parsed.value.stages.gen?.outs[0]).toEqual({ path: 'model.txt', hash: '01a60e35df88d8b49546cb3f8f4ba4f406870f9b8e1f394c9d48ab73548d748d', size: 2, nfiles: 1, isexec: true });
  expect(parsed.ok && renderLock(parsed.value)).toBe(withExec);
  // false is never written, and not read either
  const bad = parseLock(withExec.replace('isexec: true', 'isexec: false'));
  expect(bad.ok ? 'parsed' : bad.failure.message).toBe('pipeline.lock:16:17: stage `gen`: outs[0].isexec must be true (or absent: not executable)');
});

test('a run-cache entry without executable files keeps its id; one with gains isexec', () => {
  const outs = {
    'model.txt': { hash: '01a60e35df88d8b49546cb3f8f4ba4f406870f9b8e1f394c9d48ab73548d748d', size: 2, nfiles: 1 },
    out: { hash: 'ef5156790e8b3c155332cd8ed65ada7da104f4d3d62cfe8139f932785855d4ee.dir', size: 4, nfiles: 2 },
  };
  const entry = { stage: 'gen', createdAt: '2026-01-01T00:00:00.000Z', outs };
  // the id pipe gave this entry before it recorded the bit
  expect(encodeRunEntry(entry).id).toBe('96e078b50f83f9d48f5d45f34b65fe271bc2765afdc7c08a8987d912396e493c');
  const exec = { ...entry, outs: { ...outs, 'model.txt': { ...outs['model.txt'], isexec: true as const } } };
  const { text, id } = encodeRunEntry(exec);
  expect(text).toContain('"model.txt":{"hash":"01a60e35df88d8b49546cb3f8f4ba4f406870f9b8e1f394c9d48ab73548d748d","isexec":true,"nfiles":1,"size":2}');
  expect(decodeRunEntry(text, id)).toEqual(exec);
});
