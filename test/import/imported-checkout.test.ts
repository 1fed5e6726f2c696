// Imported data deleted or edited is tracked data like any other: `pipe status` says so (for an
// edit, pointing at checkout and `pipe update`), and `pipe checkout` restores it from the cache
// without asking the server; in a git repository the data is ignored and the .pipe file committed.
import { expect, test } from 'vitest';
import { ENV, importedTrainCsv } from './helpers.js';

test('deleted, then edited: status names it, checkout restores it, the server is not asked', async () => {
  const { rig, server } = await importedTrainCsv();
  // git ignores the data, as for `pipe add`: the .pipe file is what is committed
  expect(rig.read('data/.gitignore')).toBe('/train.csv\n');
  const requests = server.requests.length;

  rig.remove('data/train.csv');
  const missing = await rig.runWith({ env: ENV }, 'status');
  expect([missing.code, missing.stdout]).toEqual([0, 'data/train.csv: missing (tracked by data/train.csv.pipe): `pipe checkout data/train.csv` restores it (`pipe pull` first where the cache lacks it)\n1 tracked path changed.\n']);
  const checkout = await rig.runWith({ env: ENV }, 'checkout', 'data/train.csv');
  expect(checkout.code).toBe(0);
  expect(rig.read('data/train.csv')).toBe('a,b\n');

  rig.write({ 'data/train.csv': 'edited\n' });
  const modified = await rig.runWith({ env: ENV }, 'status');
  expect([modified.code, modified.stdout]).toEqual([0, 'data/train.csv: modified (differs from data/train.csv.pipe, which records what was imported): `pipe checkout data/train.csv` restores that, `pipe update data/train.csv` fetches the source\'s new version\n1 tracked path changed.\n']);
  expect((await rig.runWith({ env: ENV }, 'checkout', '-f', 'data/train.csv')).code).toBe(0);
  expect(rig.read('data/train.csv')).toBe('a,b\n');
  expect(server.requests.length).toBe(requests);
});
