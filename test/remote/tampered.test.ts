import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pull, push } from '../../src/remote/index.js';
import { ObjectCache, RunCache } from '../../src/stores/index.js';
import { freshClone, producedProject } from './helpers.js';

describe('a tampered remote', () => {
  it('rejects an object whose bytes do not match its hash: it never enters the cache', async () => {
    const f = await producedProject();
    await push(f.root);
    const remoteModel = path.join(f.remote, 'objects', f.model.slice(0, 2), f.model.slice(2));
    fs.writeFileSync(remoteModel, '{"w":[6,6,6]}'); // same size, different bytes
    const clone = freshClone(f);
    const r = await pull(clone);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.problems).toEqual([
      { kind: 'rejected', hash: f.model, stage: 'train', path: 'model.json', message: `remote object ${f.model} (model.json, stage train) does not match its hash (tampered or damaged on ${f.remote}); not stored. The remote's copy must be replaced: where a cache holds a good copy, \`pipe push --force train\` sends it again (a plain push skips objects the remote already lists)` },
    ]);
    const objects = new ObjectCache(clone);
    expect(objects.has(f.model)).toBe(false);
    expect(objects.hasAll(f.prepared)).toBe(true); // the rest still arrived
    // The run entry pointing at the rejected object is not stored either.
    expect(new RunCache(clone).list()).toEqual([]);
    expect(fs.readdirSync(path.dirname(objects.pathOf(f.model))).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('rejects a forged run-cache entry and a manifest that was swapped', async () => {
    const f = await producedProject();
    await push(f.root);
    const keyDir = path.join(f.remote, 'runs', f.runKey.slice(0, 2), f.runKey.slice(2));
    const [id] = fs.readdirSync(keyDir);
    const entryFile = path.join(keyDir, id!);
    fs.writeFileSync(entryFile, fs.readFileSync(entryFile, 'utf8').replace('"size":13', '"size":14'));
    const manifest = path.join(f.remote, 'objects', f.prepared.slice(0, 2), f.prepared.slice(2));
    fs.writeFileSync(manifest, '[]');
    const clone = freshClone(f);
    const r = await pull(clone, { runCache: true });
    expect(r.ok && r.value.problems.map((p) => [p.kind, p.hash])).toEqual([
      ['rejected', `${f.runKey}/${id}`],
      ['rejected', f.prepared],
    ]);
    expect(r.ok && r.value.problems[0]!.message).toBe(`remote run-cache entry ${f.runKey}/${id} is malformed or does not match its id; not stored (where a run-cache holds it, \`pipe push --force\` sends it again)`);
    expect(new ObjectCache(clone).has(f.prepared)).toBe(false);
    expect(new RunCache(clone).list()).toEqual([]);
  });

  it('never pushes a local object that is corrupt', async () => {
    const f = await producedProject();
    fs.writeFileSync(new ObjectCache(f.root).pathOf(f.model), 'garbage!!!!!!');
    const r = await push(f.root);
    expect(r.ok && r.value.problems).toEqual([
      { kind: 'corrupt-local', hash: f.model, stage: 'train', path: 'model.json', message: `local cache object ${f.model} (model.json, stage train) does not match its hash; removed from the cache, not pushed (\`pipe commit train\` stores it again where the workspace still holds it, else \`pipe repro -f train\` makes it, then push again)` },
    ]);
    expect(fs.existsSync(path.join(f.remote, 'objects', f.model.slice(0, 2), f.model.slice(2)))).toBe(false);
    // worthless: removed, so whatever stores the output next stores a good copy
    expect(new ObjectCache(f.root).has(f.model)).toBe(false);
  });
});
