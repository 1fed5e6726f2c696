// `pipe exp push/pull` through a gs:// remote (the fake GCS): the records lie under the prefix as
// `exps/<id>.json` beside `objects/`, and a fresh clone applies an experiment pulled from it
// without running the stage.
import { expect, test } from 'vitest';
import { shareThrough } from '../experiments/share-project.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

test('exp push --all to gs, exp pull one into a fresh clone, exp apply restores it', async () => {
  const gcs = await startGcs();
  const { id } = await shareThrough(`gs://${GCS_BUCKET}/team/exps-project`, gcs.env);
  const records = gcs.keys().filter((k) => k.startsWith('team/exps-project/exps/'));
  // two records and their index (for pulls over http)
  expect(records).toHaveLength(3);
  expect(records).toContain(`team/exps-project/exps/${id}.json`);
  expect(records).toContain('team/exps-project/exps/_index.json');
});
