import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunCache, fingerprint, type RunEntry } from '../../src/stores/index.js';
import { sha256, tempProject } from './helpers.js';

const entry: RunEntry = { stage: 'train', outs: { 'model.json': { hash: sha256('m'), size: 1, nfiles: 1 } }, createdAt: '2026-11-29T05:00:00.000Z' };

describe('run-cache', () => {
  it('maps a key to the outs a run produced, under cache/runs/<hh>/<rest>/<entry>', async () => {
    const root = tempProject();
    const runs = new RunCache(root);
    const key = fingerprint({ v: 1, cmd: 'train', deps: {} });
    expect(runs.get(key)).toEqual([]);
    const id = await runs.put(key, entry);
    expect(await runs.put(key, entry)).toBe(id); // idempotent
    expect(fs.readdirSync(path.join(root, 'cache/runs', key.slice(0, 2), key.slice(2)))).toEqual([id]);
    expect(runs.get(key)).toEqual([{ key, id, entry }]);
    expect(runs.list()).toEqual([{ key, id }]);
  });

  it('ignores an entry whose content was altered (it no longer matches its id)', async () => {
    const root = tempProject();
    const runs = new RunCache(root);
    const key = fingerprint({ v: 1, cmd: 'x' });
    const id = await runs.put(key, entry);
    const file = path.join(runs.keyDir(key), id);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"size":1', '"size":2'));
    expect(runs.get(key)).toEqual([]);
  });

  it('refuses a key that is not a fingerprint (a bug in the caller)', async () => {
    const runs = new RunCache(tempProject());
    await expect(runs.put('../../etc', entry)).rejects.toThrow('run-cache key must be a 64-hex fingerprint, got "../../etc"');
  });

  it('prunes entries the caller no longer wants', async () => {
    const runs = new RunCache(tempProject());
    const k1 = fingerprint({ k: 1 });
    const k2 = fingerprint({ k: 2 });
    await runs.put(k1, entry);
    await runs.put(k2, { ...entry, stage: 'other' });
    expect(runs.prune((e) => e.entry.stage === 'train')).toBe(1);
    expect(runs.list().map((e) => e.key)).toEqual([k1]);
  });
});
