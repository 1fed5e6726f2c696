import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { push, pull } from '../../src/remote/index.js';
import { ObjectCache, RunCache } from '../../src/stores/index.js';
import { freshClone, producedProject, snapshot } from './helpers.js';

describe('push / pull round trip', () => {
  it('pushes every object and run entry, pulls them into a fresh clone, and skips what is already there', async () => {
    const f = await producedProject();
    const manifestBytes = fs.statSync(new ObjectCache(f.root).pathOf(f.prepared)).size;
    const pushed = await push(f.root);
    expect(pushed).toEqual({
      ok: true,
      value: { direction: 'push', remote: f.remote, objects: { transferred: 4, skipped: 0, bytes: 100 + 50 + 13 + manifestBytes }, runs: { transferred: 1, skipped: 0 }, problems: [] },
    });
    // The remote mirrors the local cache layout exactly.
    expect(snapshot(f.remote)).toEqual(snapshot(path.join(f.root, 'cache')));

    const again = await push(f.root);
    expect(again.ok && again.value.objects).toEqual({ transferred: 0, skipped: 4, bytes: 0 });
    expect(again.ok && again.value.runs).toEqual({ transferred: 0, skipped: 1 });

    const clone = freshClone(f);
    const pulled = await pull(clone, { runCache: true }); // every entry (the fixture's pipeline.yaml has no stages to key)
    expect(pulled.ok && pulled.value.problems).toEqual([]);
    expect(pulled.ok && pulled.value.objects.transferred).toBe(4);
    expect(pulled.ok && pulled.value.runs).toEqual({ transferred: 1, skipped: 0 });
    expect(snapshot(path.join(clone, 'cache'))).toEqual(snapshot(path.join(f.root, 'cache')));
    expect(new ObjectCache(clone).hasAll(f.prepared)).toBe(true);
    expect(new RunCache(clone).get(f.runKey).map((e) => e.entry.outs)).toEqual([{ 'model.json': { hash: f.model, size: 13, nfiles: 1 } }]);

    const second = await pull(clone, { runCache: true }); // every entry (the fixture's pipeline.yaml has no stages to key)
    expect(second.ok && second.value.objects).toEqual({ transferred: 0, skipped: 4, bytes: 0 });
  });

  it('transfers only the named stages', async () => {
    const f = await producedProject();
    const r = await push(f.root, { stages: ['train'] });
    expect(r.ok && r.value.objects.transferred).toBe(1);
    expect(r.ok && r.value.runs.transferred).toBe(1);
    expect(Object.keys(snapshot(f.remote))).toEqual([
      `objects/${f.model.slice(0, 2)}/${f.model.slice(2)}`,
      expect.stringMatching(new RegExp(`^runs/${f.runKey.slice(0, 2)}/${f.runKey.slice(2)}/[0-9a-f]{64}$`)),
    ]);
    const unknown = await push(f.root, { stages: ['nope'] });
    expect(unknown).toEqual({ ok: false, failure: { code: 'io', message: 'stage not in pipeline.lock: nope', hint: 'known stages: prepare, train; run `pipe repro` first for new stages', location: { file: 'pipeline.lock' } } });
  });
});

describe('push / pull without pipeline.lock', () => {
  it('carries every run-cache entry, so a clone with no lock can still restore through the run-cache', async () => {
    const f = await producedProject();
    await push(f.root);
    const clone = freshClone(f, 'no-lock');
    fs.rmSync(path.join(clone, 'pipeline.lock'));
    const r = await pull(clone, { runCache: true }); // every entry (the fixture's pipeline.yaml has no stages to key)
    expect(r.ok && r.value.problems).toEqual([]);
    expect(r.ok && r.value.runs).toEqual({ transferred: 1, skipped: 0 });
    expect(new RunCache(clone).get(f.runKey).map((e) => e.entry.outs)).toEqual([{ 'model.json': { hash: f.model, size: 13, nfiles: 1 } }]);
    expect(new ObjectCache(clone).has(f.model)).toBe(true);
    expect(new ObjectCache(clone).has(f.prepared)).toBe(false); // only the lock referenced it
  });
});
