// `pipe pull -f/--force` (DVC's): the checkout after the pull overwrites an output or tracked data
// whose workspace copy holds changes the cache lacks, which a plain pull leaves and names (exit 1);
// what it overwrites is moved to .pipe/kept/ first, each with a warning saying how to get it back.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE, rigRemote } from './helpers.js';

test('pull -f overwrites edited outputs and tracked data with what pipeline.lock and the .pipe file record', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'raw.csv': 'r\n' });
  const remote = rigRemote(origin);
  expect((await origin.run('add', 'raw.csv')).code).toBe(0);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  origin.write({ 'total.txt': 'edited by hand\n', 'raw.csv': 'edited too\n' });

  const plain = await origin.run('pull');
  expect(plain.code).toBe(1);
  expect(origin.read('total.txt')).toBe('edited by hand\n');

  const forced = await origin.run('pull', '-f');
  const moved = (path: string, record: string, stage: string) => {
    const folder = forced.stderr.match(new RegExp(`\\.pipe/kept/(\\d{8}-\\d{6}-${stage.replace(/\./g, '\\.')})/`))?.[1] ?? '';
    expect(origin.read(`.pipe/kept/${folder}/${path}`)).toBe(path === 'total.txt' ? 'edited by hand\n' : 'edited too\n');
    return `warning: ${stage}: '${path}' held 1 file the cache does not hold (${path}): moved to .pipe/kept/${folder}/${path} before putting back the version ${record} records, instead of overwriting it; copy back what you need (\`cp .pipe/kept/${folder}/${path} ${path}\`), then delete .pipe/kept/${folder}\n`;
  };
  expect([forced.code, forced.stderr]).toEqual([0, moved('total.txt', 'pipeline.lock', 'sum') + moved('raw.csv', 'raw.csv.pipe', 'raw.csv.pipe')]);
  expect(forced.stdout).toBe(`pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 5 objects and 2 run-cache entries\nchecked out total.txt (sum)\nchecked out raw.csv (raw.csv.pipe)\n`);
  expect([origin.read('total.txt'), origin.read('raw.csv')]).toEqual(['made\nmore\n', 'r\n']);
  expect(origin.count('make') + origin.count('sum')).toBe(1 + 1);
});
