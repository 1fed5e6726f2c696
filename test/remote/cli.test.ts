import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline } from './helpers.js';


describe('pipe push / pipe pull (real CLI)', () => {
  it('a fresh clone that only pulls the cache restores every stage without running any', async () => {
    const origin = makeRig({ 'pipeline.yaml': pipeline });
    const remote = path.join(origin.dir, '..', `${path.basename(origin.dir)}-remote`);
    fs.rmSync(remote, { recursive: true, force: true });
    origin.write({ 'pipe.config.yaml': `remote: ${remote}\n` });
    try {
      expect((await origin.run('repro')).code).toBe(0);
      const pushed = await origin.run('push');
      expect(pushed.stderr).toBe('');
      expect(pushed.stdout).toMatch(/^pushed 4 objects \(\d+ B\) and 2 run-cache entries to .+-remote; already on the remote: 0 objects and 0 run-cache entries\n$/);
      expect(pushed.code).toBe(0);

      const clone = makeRig({
        'pipeline.yaml': pipeline,
        'pipeline.lock': origin.read('pipeline.lock'),
        'pipe.config.yaml': `remote: file://${remote}\n`,
      });
      const pulled = await clone.run('pull');
      expect(pulled.code).toBe(0);
      // as `dvc pull`: the outputs come into the workspace with the objects
      expect(pulled.stdout).toMatch(/^pulled 4 objects \(\d+ B\) and 2 run-cache entries from .+-remote; already in the local cache: 0 objects and 0 run-cache entries\nchecked out out \(make\)\nchecked out total\.txt \(sum\)\n$/);
      expect(clone.read('total.txt')).toBe('made\nmore\n');
      const repro = await clone.run('repro');
      expect(repro.stdout).toBe('make: up to date\nsum: up to date\nEverything is up to date.\n');
      expect(repro.code).toBe(0);
      expect(clone.count('make') + clone.count('sum')).toBe(0);
      expect(clone.read('total.txt')).toBe('made\nmore\n');
    } finally {
      fs.rmSync(remote, { recursive: true, force: true });
    }
  });

  it('reports a missing object with exit 1 and --json gives the problems', async () => {
    const rig = makeRig({ 'pipeline.yaml': pipeline });
    expect((await rig.run('repro')).code).toBe(0);
    const remote = path.join(rig.dir, 'remote-dir');
    fs.mkdirSync(remote); // an empty remote: one that does not exist is a configuration error (pull-missing-remote.test.ts)
    const r = await rig.run('pull', '--remote', './remote-dir', '--json');
    expect(r.code).toBe(0); // everything is already in the local cache
    fs.rmSync(path.join(rig.dir, 'cache'), { recursive: true });
    const missing = await rig.run('pull', '-r', remote, '--json', 'sum');
    expect(missing.code).toBe(1);
    const result = JSON.parse(missing.stdout) as { problems: { kind: string; stage: string; path: string }[] };
    expect(result.problems.map((p) => [p.kind, p.stage, p.path])).toEqual([['missing-remote', 'sum', 'total.txt']]);
  });
});
