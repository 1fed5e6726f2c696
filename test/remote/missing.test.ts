import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pull, pullAvailable, push } from '../../src/remote/index.js';
import { ObjectCache } from '../../src/stores/index.js';
import { freshClone, producedProject } from './helpers.js';

describe('missing objects', () => {
  it('pull names each object the remote lacks, with its stage and path', async () => {
    const f = await producedProject();
    await push(f.root);
    fs.rmSync(path.join(f.remote, 'objects', f.model.slice(0, 2), f.model.slice(2)));
    const clone = freshClone(f);
    const r = await pull(clone);
    expect(r.ok && r.value.problems).toEqual([
      { kind: 'missing-remote', hash: f.model, stage: 'train', path: 'model.json', message: `object ${f.model} (model.json, stage train) is not on the remote ${f.remote}` },
    ]);
    expect(new ObjectCache(clone).hasAll(f.prepared)).toBe(true);
    // For `repro --pull` a missing object is not a problem: that stage will just run.
    const avail = await pullAvailable(freshClone(f, 'clone2'));
    expect(avail.ok && avail.value.problems).toEqual([]);
    // (said as warnings by `pipe repro --pull`)
    expect(avail.ok && avail.value.missing.map((p) => p.hash)).toEqual([f.model]);
  });

  it('push names each object missing from the local cache', async () => {
    const f = await producedProject();
    const objects = new ObjectCache(f.root);
    fs.rmSync(objects.pathOf(f.model));
    const r = await push(f.root);
    expect(r.ok && r.value.problems).toEqual([
      { kind: 'missing-local', hash: f.model, stage: 'train', path: 'model.json', message: `object ${f.model} (model.json, stage train) is neither in the local cache nor on the remote ${f.remote}; nothing to push for it (\`pipe pull -r <remote> train\` fetches it from another remote that holds it; \`pipe commit train\` stores it again where the workspace still holds it, else \`pipe repro -f train\` makes it)` },
    ]);
    expect(r.ok && r.value.objects.transferred).toBe(3);
    expect(r.ok && r.value.runs.transferred).toBe(0); // its run entry's out is gone
  });
});
