// A `cache: false` out (metrics kept in git) whose content is what pipeline.lock records is not an
// edit when the cache lacks it (a fresh clone's cache never holds it): a run-cache restore over
// it neither foresees nor warns of lost changes. A real edit still is named, before and after.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

const PIPELINE = `stages:
  m:
    cmd: ${JSON.stringify(counted('m', 'sh gen.sh'))}
    deps: [gen.sh]
    params: [p]
    metrics:
      - metrics.json:
          cache: false
`;

/** p: 1 as committed (lock and metrics), p: 2's run in the run-cache, p: 1's metrics not in the cache. */
async function committedThenOtherRun(): Promise<Rig> {
  const rig = makeRig({
    'pipeline.yaml': PIPELINE,
    'gen.sh': 'sed "s/p: \\(.*\\)/{\\"acc\\": \\1}/" params.yaml > metrics.json\n',
    'params.yaml': 'p: 1\n',
  });
  expect((await rig.run('repro')).code).toBe(0);
  const committed = { 'params.yaml': 'p: 1\n', 'pipeline.lock': rig.read('pipeline.lock'), 'metrics.json': rig.read('metrics.json') };
  expect(committed['metrics.json']).toBe('{"acc": 1}\n');
  rig.write({ 'params.yaml': 'p: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  // back to the committed files, as `git checkout` does, with a cache that never held p: 1's metrics
  rig.write(committed);
  const hash = createHash('sha256').update(committed['metrics.json']).digest('hex');
  expect(rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe(true);
  rig.remove(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`);
  return rig;
}

test('a cache: false out as pipeline.lock records it is replaced by a run-cache restore without a warning', async () => {
  const rig = await committedThenOtherRun();
  rig.write({ 'params.yaml': 'p: 2\n' });
  const status = await rig.run('status');
  expect(status.code).toBe(0);
  expect(status.stdout).toBe("m: would be restored from run-cache (param 'p' changed)\n1 would be restored.\n");
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('m: restored from run-cache\n1 restored from cache.\n');
  expect(rig.read('metrics.json')).toBe('{"acc": 2}\n');
  expect(rig.count('m')).toBe(2);
});

test('a cache: false out edited by hand is still named before and after a run-cache restore', async () => {
  const rig = await committedThenOtherRun();
  rig.write({ 'params.yaml': 'p: 2\n', 'metrics.json': '{"acc": 9}\n' });
  expect((await rig.run('status')).stdout).toBe(
    "m: would be restored from run-cache (param 'p' changed, out 'metrics.json' has edits the cache does not hold (a run would keep it in .pipe/kept/))\n1 would be restored.\n",
  );
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  const [folder] = readdirSync(join(rig.dir, '.pipe/kept'));
  expect(r.stderr).toBe(
    `warning: m: 'metrics.json' held 1 file the cache does not hold (metrics.json): moved to .pipe/kept/${folder}/metrics.json before putting back the version the run-cache records, instead of overwriting it; copy back what you need (\`cp .pipe/kept/${folder}/metrics.json metrics.json\`), then delete .pipe/kept/${folder}\n`,
  );
  expect(rig.read(`.pipe/kept/${folder}/metrics.json`)).toBe('{"acc": 9}\n');
  expect(rig.read('metrics.json')).toBe('{"acc": 2}\n');
  expect(rig.count('m')).toBe(2);
});
