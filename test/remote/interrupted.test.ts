import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pull, push } from '../../src/remote/index.js';
import { ObjectCache } from '../../src/stores/index.js';
import { freshClone, producedProject, snapshot } from './helpers.js';

describe('an interrupted transfer', () => {
  it('push after a killed push: leftover temp files and a truncated object are ignored or replaced', async () => {
    const f = await producedProject();
    // What a push killed mid-copy could leave: a temp file, and (from a non-atomic tool) a
    // truncated object under its real name.
    const tmpDir = path.join(f.remote, 'objects', f.model.slice(0, 2));
    fs.mkdirSync(tmpDir, { recursive: true });
    fs.writeFileSync(path.join(tmpDir, `.tmp-${f.model.slice(2)}-999-1`), '{"w":[1,');
    const prepShard = path.join(f.remote, 'objects', f.prepared.slice(0, 2));
    fs.mkdirSync(prepShard, { recursive: true });
    fs.writeFileSync(path.join(prepShard, f.prepared.slice(2)), '[{"ha');
    const r = await push(f.root);
    expect(r.ok && r.value.problems).toEqual([]);
    expect(r.ok && r.value.objects.transferred).toBe(4);
    const clone = freshClone(f);
    const pulled = await pull(clone, { runCache: true });
    expect(pulled.ok && pulled.value.problems).toEqual([]);
    expect(snapshot(path.join(clone, 'cache'))).toEqual(snapshot(path.join(f.root, 'cache')));
  });

  it('pull after a killed pull: local temp leftovers are harmless and the rerun completes', async () => {
    const f = await producedProject();
    await push(f.root);
    const clone = freshClone(f);
    const objects = new ObjectCache(clone);
    const dest = objects.pathOf(f.model);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(dest), `.tmp-${f.model.slice(2)}-999-1`), '{"w"');
    const r = await pull(clone);
    expect(r.ok && r.value.problems).toEqual([]);
    expect(r.ok && r.value.objects.transferred).toBe(4);
    expect((await objects.verify(f.model)).status).toBe('ok');
    expect(objects.listHashes()).not.toContain(expect.stringContaining('.tmp-'));
    // The leftover is swept by gc, never mistaken for an object.
    expect(objects.gc(new Set(objects.listHashes())).removedTemps).toBe(1);
  });
});
